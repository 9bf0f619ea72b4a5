import { useTranslation } from 'react-i18next';
import { cx } from './classes';
import { CheckIcon } from './icons';

export interface Step {
  id: string;
  label: string;
}

export interface StepperProps {
  steps: readonly Step[];
  /** Zero-based index of the step the person is on. */
  current: number;
  size?: 'md' | 'kiosk';
  className?: string;
}

/**
 * Where the person is in a procedure. The current step carries
 * aria-current="step"; finished steps say so in words, not only with a tick.
 */
export function Stepper({ steps, current, size = 'md', className }: StepperProps) {
  const { t } = useTranslation();
  return (
    <div className={cx('mg-stepper', size === 'kiosk' && 'mg-stepper--kiosk', className)}>
      <p className="mg-stepper__count">
        {t('common.stepCount', { current: current + 1, total: steps.length })}
      </p>
      <ol className="mg-stepper__list" aria-label={t('common.progressLabel')}>
        {steps.map((step, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'todo';
          return (
            <li
              key={step.id}
              className={`mg-stepper__step mg-stepper__step--${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="mg-stepper__marker" aria-hidden="true">
                {state === 'done' ? <CheckIcon /> : index + 1}
              </span>
              <span className="mg-stepper__label">
                {step.label}
                {state === 'done' && <span className="mg-visually-hidden">（{t('common.stepDone')}）</span>}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
