/**
 * The rules a municipality starts with: the other departments' procedures that
 * usually follow a move, as the reports list them. Places and departments are
 * placeholders each municipality edits (their counters differ); the conditions
 * follow the national schemes.
 */
import type { ProcedureRuleInput } from './procedure-rules.js';

const ALL = ['tennyu', 'tenkyo', 'tenshutsu'] as const;
const ID = { ja: '本人確認書類（マイナンバーカード等）', en: 'Identity document (My Number card etc.)' };

export const DEFAULT_PROCEDURE_RULES: ProcedureRuleInput[] = [
  {
    id: 'kokuho',
    title: { ja: '国民健康保険', en: 'National Health Insurance' },
    department: { ja: '保険年金課', en: 'Insurance and Pension Division' },
    place: { ja: '本庁舎1階 5番窓口', en: 'Main building 1F, counter 5' },
    kinds: [...ALL],
    scope: 'person',
    when: {
      all: [
        { fact: 'insurance', equals: 'kokuho' },
        { fact: 'age', max: 74 },
      ],
    },
    bring: [ID],
    variants: {
      tennyu: {
        title: { ja: '国民健康保険の加入', en: 'Joining National Health Insurance' },
        notes: {
          ja: '転入日から14日以内に届け出てください。前住所地の国民健康保険は転出で資格を失っています。',
          en: 'Within 14 days of moving in. Your insurance in the former town ended with the move out.',
        },
      },
      tenkyo: { title: { ja: '国民健康保険の住所変更', en: 'National Health Insurance: change of address' } },
      tenshutsu: {
        title: { ja: '国民健康保険の資格喪失', en: 'Leaving National Health Insurance' },
        bring: [ID, { ja: '資格確認書（お持ちの方）', en: 'Eligibility certificate, if you have one' }],
      },
    },
    prefill: [
      'residentId',
      'name',
      'kana',
      'birthDate',
      'sex',
      'address',
      'previousAddress',
      'moveDate',
      'head',
    ],
  },
  {
    id: 'kokumin-nenkin',
    title: { ja: '国民年金', en: 'National Pension' },
    department: { ja: '保険年金課 国民年金係', en: 'National Pension Section' },
    place: { ja: '本庁舎1階 6番窓口', en: 'Main building 1F, counter 6' },
    kinds: ['tennyu', 'tenshutsu'],
    scope: 'person',
    when: {
      all: [
        { fact: 'age', min: 20, max: 59 },
        {
          any: [
            { fact: 'pension', in: ['dai1', 'none'] },
            { fact: 'moveType', equals: 'abroad' },
          ],
        },
      ],
    },
    bring: [ID, { ja: '基礎年金番号がわかるもの', en: 'Something showing your basic pension number' }],
    variants: {
      tenshutsu: {
        notes: {
          ja: '海外へ転出する方は、任意加入の手続きができます。',
          en: 'If you move abroad you may join voluntarily.',
        },
      },
    },
    prefill: ['residentId', 'name', 'kana', 'birthDate', 'address', 'moveDate', 'pension'],
  },
  {
    id: 'jido-teate',
    title: { ja: '児童手当', en: 'Child Allowance' },
    department: { ja: 'こども家庭課', en: 'Children and Families Division' },
    place: { ja: '本庁舎2階 21番窓口', en: 'Main building 2F, counter 21' },
    kinds: [...ALL],
    scope: 'household',
    when: { anyPerson: { fact: 'schoolGrade', max: 12 } },
    bring: [ID, { ja: '請求者名義の預金通帳', en: "Bank book in the claimant's name" }],
    variants: {
      tennyu: {
        title: { ja: '児童手当の認定請求', en: 'Claiming Child Allowance' },
        notes: {
          ja: '前住所地の転出予定日の翌日から15日以内に請求してください。遅れると、遅れた月分の手当を受けられません。',
          en: 'Claim within 15 days of the day after the move; late claims lose the months missed.',
        },
      },
      tenkyo: { title: { ja: '児童手当の住所変更', en: 'Child Allowance: change of address' } },
      tenshutsu: {
        title: { ja: '児童手当の受給事由消滅届', en: 'Ending Child Allowance here' },
        notes: {
          ja: '転出先の市区町村で、あらためて認定請求をしてください。',
          en: 'Claim again in your new municipality.',
        },
      },
    },
    prefill: [
      'residentId',
      'name',
      'kana',
      'birthDate',
      'relationship',
      'address',
      'moveDate',
      'head',
      'phone',
    ],
  },
  {
    id: 'kodomo-iryo',
    title: { ja: '子ども医療費助成', en: "Children's medical expense subsidy" },
    department: { ja: 'こども家庭課', en: 'Children and Families Division' },
    place: { ja: '本庁舎2階 22番窓口', en: 'Main building 2F, counter 22' },
    kinds: [...ALL],
    scope: 'person',
    when: { fact: 'schoolGrade', max: 9 },
    bring: [
      ID,
      { ja: 'お子さんの資格確認書又はマイナ保険証', en: "The child's health insurance eligibility" },
    ],
    variants: {
      tenshutsu: {
        title: { ja: '子ども医療費受給者証の返却', en: "Returning the children's medical card" },
        bring: [{ ja: '子ども医療費受給者証', en: "Children's medical card" }],
      },
    },
    prefill: ['residentId', 'name', 'kana', 'birthDate', 'sex', 'address', 'moveDate', 'head', 'insurance'],
  },
  {
    id: 'shugaku',
    title: { ja: '就学・転校', en: 'School enrolment and transfer' },
    department: { ja: '教育委員会 学務課', en: 'Board of Education, School Affairs' },
    place: { ja: '第2庁舎3階 学務課', en: 'Annex 3F, School Affairs' },
    kinds: [...ALL],
    scope: 'person',
    when: { fact: 'schoolGrade', min: 1, max: 9 },
    bring: [
      { ja: '在学証明書（前の学校で受け取ったもの）', en: 'Certificate of enrolment from the former school' },
      { ja: '教科書給与証明書', en: 'Textbook certificate' },
    ],
    variants: {
      tennyu: { title: { ja: '転入学の手続き（転入学通知書）', en: 'Enrolment in a school here' } },
      tenkyo: {
        title: { ja: '通学区域の確認・転校', en: 'School district check and transfer' },
        notes: {
          ja: '通学区域が変わる場合は転校の手続きをします。',
          en: 'If the school district changes, the child transfers.',
        },
      },
      tenshutsu: {
        title: { ja: '転校の手続き', en: 'Leaving the school' },
        bring: [],
        notes: {
          ja: '在学中の学校で在学証明書と教科書給与証明書を受け取り、転出先の教育委員会へ提出してください。',
          en: 'Get both certificates from the current school and take them to the new town’s board of education.',
        },
      },
    },
    prefill: [
      'residentId',
      'name',
      'kana',
      'birthDate',
      'sex',
      'schoolGrade',
      'school',
      'address',
      'moveDate',
      'head',
      'phone',
    ],
  },
  {
    id: 'kaigo',
    title: { ja: '介護保険', en: 'Long-term care insurance' },
    department: { ja: '介護保険課', en: 'Long-term Care Insurance Division' },
    place: { ja: '本庁舎1階 8番窓口', en: 'Main building 1F, counter 8' },
    kinds: [...ALL],
    scope: 'person',
    when: {
      any: [
        { fact: 'age', min: 65 },
        { fact: 'careCertified', equals: true },
      ],
    },
    bring: [ID],
    variants: {
      tennyu: {
        title: { ja: '介護保険の資格取得', en: 'Long-term care insurance: joining' },
        bring: [
          ID,
          {
            ja: '介護保険受給資格証明書（要介護・要支援認定を受けている方）',
            en: 'Certificate of care eligibility (if certified as needing care)',
          },
        ],
        notes: {
          ja: '認定を受けている方は、転入日から14日以内に受給資格証明書を提出すると認定が引き継がれます。',
          en: 'Hand in the eligibility certificate within 14 days to keep your care certification.',
        },
      },
      tenkyo: { title: { ja: '介護保険被保険者証の住所変更', en: 'Care insurance card: change of address' } },
      tenshutsu: {
        title: {
          ja: '介護保険の資格喪失・受給資格証明書',
          en: 'Leaving care insurance; eligibility certificate',
        },
        bring: [ID, { ja: '介護保険被保険者証', en: 'Care insurance card' }],
      },
    },
    prefill: [
      'residentId',
      'name',
      'kana',
      'birthDate',
      'sex',
      'address',
      'previousAddress',
      'moveDate',
      'careCertified',
    ],
  },
  {
    id: 'koki-korei',
    title: { ja: '後期高齢者医療', en: 'Medical care for the elderly (75+)' },
    department: { ja: '保険年金課 高齢者医療係', en: 'Elderly Medical Care Section' },
    place: { ja: '本庁舎1階 7番窓口', en: 'Main building 1F, counter 7' },
    kinds: [...ALL],
    scope: 'person',
    when: {
      any: [
        { fact: 'age', min: 75 },
        { fact: 'insurance', equals: 'koki' },
      ],
    },
    bring: [ID],
    variants: {
      tennyu: {
        bring: [
          ID,
          {
            ja: '負担区分等証明書（前住所地で交付されたもの）',
            en: 'Certificate of co-payment class from the former town',
          },
        ],
      },
    },
    prefill: ['residentId', 'name', 'kana', 'birthDate', 'sex', 'address', 'previousAddress', 'moveDate'],
  },
  {
    id: 'shogai-fukushi',
    title: { ja: '障害福祉サービス・手帳の住所変更', en: 'Disability welfare: services and handbook' },
    department: { ja: '障害福祉課', en: 'Disability Welfare Division' },
    place: { ja: '本庁舎1階 10番窓口', en: 'Main building 1F, counter 10' },
    kinds: [...ALL],
    scope: 'person',
    when: { fact: 'disability', equals: true },
    bring: [ID, { ja: '障害者手帳', en: 'Disability handbook' }],
    prefill: [
      'residentId',
      'name',
      'kana',
      'birthDate',
      'address',
      'previousAddress',
      'moveDate',
      'disabilities',
    ],
  },
  {
    id: 'inu-toroku',
    title: { ja: '犬の登録事項の変更', en: 'Dog registration: change' },
    department: { ja: '環境衛生課', en: 'Environmental Health Division' },
    place: { ja: '第2庁舎1階 環境衛生課', en: 'Annex 1F, Environmental Health' },
    kinds: ['tennyu', 'tenkyo'],
    scope: 'household',
    when: { fact: 'dogs', min: 1 },
    bring: [{ ja: '前住所地で交付された鑑札', en: 'The dog tag issued by the former town' }],
    variants: {
      tenkyo: {
        bring: [],
        notes: { ja: '所在地の変更を届け出てください。', en: 'Report the new address of the dog.' },
      },
    },
    prefill: ['name', 'address', 'previousAddress', 'moveDate', 'phone', 'dogs'],
  },
  {
    id: 'mynumber-card',
    title: { ja: 'マイナンバーカードの住所変更（継続利用）', en: 'My Number card: new address' },
    department: { ja: '市民課', en: 'Citizens Division' },
    place: { ja: '本庁舎1階 2番窓口（この窓口）', en: 'Main building 1F, counter 2 (this counter)' },
    kinds: ['tennyu', 'tenkyo'],
    scope: 'person',
    when: { fact: 'myNumberCard', equals: true },
    bring: [{ ja: 'マイナンバーカード（暗証番号が必要です）', en: 'My Number card (you need its PIN)' }],
    notes: {
      ja: '転入の場合は、転入日から90日以内に手続きしないとカードが失効します。',
      en: 'After moving in, update the card within 90 days or it becomes invalid.',
    },
    prefill: ['residentId', 'name', 'address', 'moveDate'],
  },
];
