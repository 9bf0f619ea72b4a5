import { useTranslation } from 'react-i18next';
import { AppShell, LanguageSwitcher } from '../shared/components';
import { STEP_IDS, type StepId } from '../shared/moving/content';
import { LandingScreen } from './LandingScreen';
import { MovingScreen } from './MovingScreen';
import { MovingStartScreen } from './MovingStartScreen';
import { useRoute } from './router';

/**
 * The resident's online front office on their own phone: the landing, and the
 * moving questionnaire (書かない窓口) from the first question to the QR code.
 *   /resident/                                  landing
 *   /resident/moving/                           choose the kind of move
 *   /resident/moving/<code>/<reference>/<step>  a step of the questionnaire
 *   /resident/moving/<code>/<reference>/qr      the QR code to show at the counter
 */
export function ResidentApp() {
  const { t } = useTranslation();
  const { path, navigate } = useRoute();
  const parts = path.split('/').filter(Boolean);
  let screen: React.ReactNode;
  if (parts[0] === 'moving' && parts.length === 1) {
    screen = <MovingStartScreen navigate={navigate} />;
  } else if (parts[0] === 'moving' && parts.length >= 3) {
    const [, municipalityCode = '', reference = '', view = 'review'] = parts;
    const step: StepId | 'qr' =
      view === 'qr' ? 'qr' : (STEP_IDS as readonly string[]).includes(view) ? (view as StepId) : 'review';
    screen = (
      <MovingScreen
        key={`${municipalityCode}/${reference}`}
        municipalityCode={municipalityCode}
        reference={reference}
        view={step}
        navigate={navigate}
      />
    );
  } else {
    screen = <LandingScreen navigate={navigate} />;
  }
  return (
    <AppShell product={t('resident.title')} headerEnd={<LanguageSwitcher />} className="resident-shell">
      {screen}
    </AppShell>
  );
}
