import type { CertificateDocument } from '../model.js';
import type { CertificateLayout } from '../page.js';
import type { Typesetter } from '../text.js';
import { fuhyoLayout } from './fuhyo.js';
import { inkanLayout, type PlacedImage } from './inkan.js';
import { juminhyoLayout } from './juminhyo.js';
import { juminhyoKisaiLayout } from './juminhyo-kisai.js';
import { kazeiLayout } from './kazei.js';
import { kosekiLayout } from './koseki.js';

export type { PlacedImage };

export function layoutCertificate(
  ts: Typesetter,
  doc: CertificateDocument,
  impression: PlacedImage | undefined,
): CertificateLayout {
  switch (doc.kind) {
    case 'juminhyo':
    case 'juminhyo-joheyo':
      return juminhyoLayout(ts, doc);
    case 'juminhyo-kisai':
      return juminhyoKisaiLayout(ts, doc);
    case 'inkan':
      if (!impression) throw new Error('inkan layout without its impression image');
      return inkanLayout(ts, doc, impression);
    case 'koseki-zenbu':
    case 'koseki-kojin':
    case 'koseki-joseki':
    case 'koseki-kaiseigen':
      return kosekiLayout(ts, doc);
    case 'fuhyo':
      return fuhyoLayout(ts, doc);
    case 'kazei':
      return kazeiLayout(ts, doc);
  }
}
