import type {
  CardRenewalCarryOverContent,
  FacilityMatrixContent,
  FeeTableContent,
  NoticeContent,
  OneStopServiceContent,
  OnlineLectureContent,
  ReservationRulesContent,
} from '../kinds';

/** A policy the demo ships; `kind` names a PolicyKind, title and section are Japanese. */
export interface DemoPolicy {
  key: string;
  kind: string;
  title: string;
  section: string;
}

/** One published version of a demo policy, with both time axes and the source in its summary. */
export interface DemoPublication {
  policyKey: string;
  /** 'YYYY-MM-DD', first day in force in Japan's calendar. */
  effectiveFrom: string;
  /** Last day in force, inclusive; null = open-ended. */
  effectiveThrough: string | null;
  content: unknown;
  /** Change note that names its source; invented facts say 'デモ用の架空データ'. */
  summary: string;
  /** ISO instant with offset: when the public record said so. */
  recordedAt: string;
  /** True when the version contains invented facts (including an invented record date). */
  demo: boolean;
  /** True when the rule itself is invented for the demo (架空の内容), not only its record date. Implies demo. */
  inventedContent: boolean;
  /** True when no source gives the instant the rule was first made public, so `recordedAt` is assumed (記録日は推定). */
  recordDateAssumed: boolean;
}

const SEED_SOURCE = '出典: 警視庁「マイナンバーカードと運転免許証の一体化について」(更新日 2025-03-24)';
const SEED_RECORDED_AT = '2025-03-24T09:00:00+09:00';
const INTEGRATION_START = '2025-03-24';

/** Record instant for the fee tables from 2025-03-24: they were public before then; the exact instant is assumed. */
const FEES_2025_RECORDED_AT = '2025-02-01T09:00:00+09:00';

/** The then-current fee tables' start and record dates are not in DOMAIN.md; these are conservative assumptions. */
const FEES_BEFORE_2025_FROM = '2022-05-13';
const FEES_BEFORE_2025_RECORDED_AT = '2022-04-01T09:00:00+09:00';

export const demoPolicies: readonly DemoPolicy[] = [
  { key: 'myna.overview', kind: 'notice', title: 'マイナンバーカードと運転免許証の一体化', section: 'マイナ免許証' },
  { key: 'myna.holding-status', kind: 'notice', title: 'マイナ免許証の保有状況', section: 'マイナ免許証' },
  { key: 'myna.facilities', kind: 'facility-matrix', title: 'マイナ一体化の手続可能施設', section: 'マイナ免許証' },
  { key: 'myna.reservation', kind: 'reservation-rules', title: '手続の予約方法(マイナ一体化)', section: 'マイナ免許証' },
  {
    key: 'myna.card-renewal',
    kind: 'card-renewal-carry-over',
    title: 'マイナンバーカード更新時の免許情報の引継ぎ',
    section: 'マイナ免許証',
  },
  { key: 'myna.online-lecture', kind: 'online-lecture', title: 'オンライン講習', section: 'マイナ免許証' },
  { key: 'myna.one-stop', kind: 'one-stop-service', title: '住所変更手続等のワンストップサービス', section: 'マイナ免許証' },
  { key: 'myna.card-notes', kind: 'notice', title: 'マイナ免許証に関すること', section: 'マイナ免許証' },
  { key: 'myna.overseas', kind: 'notice', title: '海外で運転を予定している方へ', section: 'マイナ免許証' },
  { key: 'fees.renewal', kind: 'fee-table', title: '更新手数料', section: '手数料' },
  { key: 'fees.new-license', kind: 'fee-table', title: '新規交付手数料', section: '手数料' },
  { key: 'fees.lecture', kind: 'fee-table', title: '講習手数料(オンライン講習を含む)', section: '手数料' },
  { key: 'fees.recording', kind: 'fee-table', title: 'マイナンバーカードへの免許情報の記録・再記録手数料', section: '手数料' },
  { key: 'fees.reissue', kind: 'fee-table', title: '再交付手数料', section: '手数料' },
  { key: 'fees.addition', kind: 'fee-table', title: '併記手数料', section: '手数料' },
  { key: 'offices.closure', kind: 'notice', title: '運転免許窓口の休止', section: '窓口' },
  { key: 'contact', kind: 'notice', title: 'お問い合わせ先', section: 'お問い合わせ' },
];

// ---------------------------------------------------------------------------------------------------------------
// Facility matrix [seed]; facility names [S].

const seedFacilities: FacilityMatrixContent = {
  columns: [
    {
      facilityType: 'TEST_CENTER',
      label: '運転免許試験場',
      locations: ['府中運転免許試験場', '鮫洲運転免許試験場', '江東運転免許試験場'],
      notes: ['施設名は二次資料によります。'],
    },
    {
      facilityType: 'RENEWAL_CENTER',
      label: '運転免許更新センター',
      locations: ['神田運転免許更新センター', '新宿運転免許更新センター'],
      notes: ['施設名は二次資料によります。'],
    },
    {
      facilityType: 'DESIGNATED_STATION',
      label: '指定警察署',
      locations: [
        '田園調布警察署',
        '世田谷警察署',
        '成城警察署',
        '板橋警察署',
        '石神井警察署',
        '下谷警察署',
        '竹の塚警察署',
        '本所警察署',
        '立川警察署',
        '青梅警察署',
        '高尾警察署',
        '町田警察署',
      ],
      notes: ['施設名は二次資料によります。'],
    },
    { facilityType: 'OTHER_STATION', label: '指定外警察署', locations: [], notes: [] },
  ],
  rows: [
    {
      procedure: 'RENEWAL',
      label: '免許更新(通常・期間前)',
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      cellNotes: [
        {
          facilityType: 'DESIGNATED_STATION',
          note: '指定警察署での更新手続は、優良運転者及び高齢者講習を受講済みの方に限られます(二次資料)。',
        },
      ],
      notes: [],
    },
    {
      procedure: 'HOLDING_STATUS_CHANGE',
      label: '保有状況変更のみ',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: [],
    },
    {
      procedure: 'NEW_LICENSE',
      label: '新規取得(学科試験)',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: ['出典ページでは「新規取得・併記」として1行で掲載されています。'],
    },
    {
      procedure: 'ADDITION',
      label: '併記',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: ['併記手続とは、現に受けている免許と異なる種類の免許を申請する場合の手続です。'],
    },
    {
      procedure: 'DRIVING_HISTORY_CERTIFICATE',
      label: '運転経歴証明書',
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION', 'OTHER_STATION'],
      cellNotes: [],
      notes: [],
    },
    {
      procedure: 'PARTICULARS_CHANGE',
      label: '記載事項変更',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: [],
    },
    {
      procedure: 'REISSUE',
      label: '再交付(遺失・き損等)',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: [],
    },
    {
      procedure: 'REACQUISITION',
      label: '失効(再取得)',
      facilityTypes: ['TEST_CENTER'],
      cellNotes: [],
      notes: [],
    },
    {
      procedure: 'CARD_RE_RECORDING',
      label: '新しいマイナンバーカードへの免許情報の再記録',
      facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER', 'DESIGNATED_STATION'],
      cellNotes: [
        {
          facilityType: 'DESIGNATED_STATION',
          note: '指定警察署は予約制です。「警視庁行政手続オンライン」から予約してください。',
        },
      ],
      notes: ['マイナンバーカードの更新に伴い、新しいマイナンバーカードに免許情報を再記録する場合の手続です。'],
    },
  ],
  notes: [
    'マイナ一体化の手続は、同時に行う手続内容により実施可能な施設が異なりますので、ご注意ください。',
    '今後手続可能な施設については順次拡大していく予定です。',
    '各手続の受付可能な曜日や時間については、各手続のページをご確認ください。',
  ],
};

/** [demo] The seed matrix plus 記載事項変更 at the renewal centres, so that a future rollout shows. */
const demoExpandedFacilities: FacilityMatrixContent = {
  ...seedFacilities,
  rows: seedFacilities.rows.map((row) =>
    row.procedure === 'PARTICULARS_CHANGE'
      ? {
          ...row,
          facilityTypes: ['TEST_CENTER', 'RENEWAL_CENTER'],
          cellNotes: [
            {
              facilityType: 'RENEWAL_CENTER',
              note: '【デモ用の架空データ】運転免許更新センターでの取扱いは、デモのために設定した架空の拡大です。',
            },
          ],
        }
      : row,
  ),
};

// ---------------------------------------------------------------------------------------------------------------
// Reservation rules: before integration [S]; with integration [seed].

const reservationBeforeIntegration: ReservationRulesContent = {
  scope: '東京都内の運転免許の更新手続及び学科試験(マイナ一体化の開始前)',
  ageWaiver: { fromAge: 70, description: '70歳以上の方は予約不要です(二次資料)。' },
  rules: [
    {
      procedure: 'RENEWAL',
      label: '運転免許の更新手続',
      reservationRequired: true,
      channels: ['WEB', 'VOICE'],
      facilityRules: [],
      notes: ['警視庁運転免許手続予約サイト又は自動音声予約ダイヤルから予約してください(二次資料)。'],
    },
    {
      procedure: 'NEW_LICENSE',
      label: '学科試験(新規取得)',
      reservationRequired: true,
      channels: ['WEB', 'VOICE'],
      facilityRules: [],
      notes: ['警視庁運転免許手続予約サイト又は自動音声予約ダイヤルから予約してください(二次資料)。'],
    },
  ],
  notes: ['この予約方法は二次資料によります。'],
};

const GYOSEI_ONLINE_NOTE = 'マイナ一体化を希望する場合は、警視庁行政手続オンラインにて、事前の予約をお願いします。';

function gyoseiOnlineRule(
  procedure: 'HOLDING_STATUS_CHANGE' | 'PARTICULARS_CHANGE' | 'REISSUE' | 'REACQUISITION' | 'ADDITION',
  label: string,
): ReservationRulesContent['rules'][number] {
  return { procedure, label, reservationRequired: true, channels: ['GYOSEI_ONLINE'], facilityRules: [], notes: [GYOSEI_ONLINE_NOTE] };
}

const seedReservation: ReservationRulesContent = {
  scope: 'マイナンバーカードと運転免許証の一体化(マイナ一体化)を同時に行う手続',
  ageWaiver: {
    fromAge: 70,
    description:
      '手続の日に70歳以上の方でマイナ一体化を希望する方は、予約不要です。令和7年3月24日(月曜)以降に、直接会場へご来場ください。',
  },
  rules: [
    {
      procedure: 'RENEWAL',
      label: '更新手続と同時にマイナ免許証を取得される方(70歳未満)',
      reservationRequired: true,
      channels: ['WEB', 'VOICE'],
      facilityRules: [],
      notes: ['警視庁運転免許手続予約サイト又は自動音声予約ダイヤルから予約をお願いします。'],
    },
    gyoseiOnlineRule('HOLDING_STATUS_CHANGE', '保有状況変更のみ'),
    gyoseiOnlineRule('PARTICULARS_CHANGE', '記載事項変更手続と同時にマイナ免許証を取得される方'),
    gyoseiOnlineRule('REISSUE', '運転免許証の再交付手続(遺失、き損等)と同時にマイナ免許証を取得される方'),
    gyoseiOnlineRule('REACQUISITION', '運転免許証の有効期間切れに伴う失効(再取得)手続と同時にマイナ免許証を取得される方'),
    gyoseiOnlineRule('ADDITION', 'すでに免許を持っている方が新たな免許種別を取得する際の併記手続と同時にマイナ免許証を取得される方'),
    {
      procedure: 'NEW_LICENSE',
      label: '新規取得(学科試験)と同時にマイナ免許証を取得される方',
      reservationRequired: true,
      channels: ['WEB', 'VOICE'],
      facilityRules: [],
      notes: ['警視庁運転免許手続予約サイト又は自動音声予約ダイヤルから予約をお願いします。'],
    },
    {
      procedure: 'DRIVING_HISTORY_CERTIFICATE',
      label: '運転経歴証明書の手続と同時にマイナ一体化を希望される方',
      reservationRequired: false,
      channels: [],
      facilityRules: [],
      notes: ['予約は不要です。令和7年3月24日(月曜)以降に、直接会場へご来場ください。'],
    },
    {
      procedure: 'CARD_RE_RECORDING',
      label: '新しいマイナンバーカードに免許情報を再記録される方',
      reservationRequired: false,
      channels: [],
      facilityRules: [
        {
          facilityType: 'DESIGNATED_STATION',
          reservationRequired: true,
          channels: ['GYOSEI_ONLINE'],
          notes: ['指定警察署は予約制となりますので「警視庁行政手続オンライン」から予約してください。'],
        },
      ],
      notes: ['運転免許試験場・運転免許更新センターでの再記録は予約制とされていません。'],
    },
  ],
  notes: [
    '条件変更手続と同時にマイナ一体化を希望する方も、警視庁行政手続オンラインにて事前の予約をお願いします。',
    '自主返納の手続と同時にマイナ一体化を希望する方は予約不要です。直接会場へご来場ください。',
    '保有状況は、更新・学科試験又はその他の手続に伴う変更や、更新時期以外でも変更することが可能です。',
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Card renewal carry-over: not carried over [seed]; carried over from 2025-09-01 [C].

const RE_RECORDING_FEE_YEN = 1500;

const seedCarryOver: CardRenewalCarryOverContent = {
  carriedOver: false,
  conditions: [],
  exclusions: [],
  advice: [
    'マイナンバーカードの有効期限が近い方は、マイナンバーカードの更新手続を済ませてからマイナ免許証を取得することをご検討ください。',
    'マイナンバーカードの有効期限が近い方は、マイナ免許証と運転免許証の2枚持ちをご検討ください。',
  ],
  reRecordingFeeYen: RE_RECORDING_FEE_YEN,
  notes: [
    '現行のシステムでは、マイナンバーカードを更新しても運転免許の情報は引き継がれません。',
    'マイナ免許証を取得された方であっても、マイナンバーカードを更新すると、一体化の手続をやり直さなくてはなりません(新しいカードへの再記録の手数料は1,500円)。',
    'なお、システムの改善は、本年秋と予定されています。',
  ],
};

const autumnFixCarryOver: CardRenewalCarryOverContent = {
  carriedOver: true,
  conditions: [
    '有効期限が近づいたこと(有効期限の3か月前から)又は追記欄の余白がなくなったことによりマイナンバーカードを更新すること。',
    'マイナンバーカードの更新をオンラインで申請すること。',
    '署名用電子証明書を既に警察に提出しており、新しいマイナンバーカードにも署名用電子証明書の発行を申請すること。',
    '申請の際に免許情報記録番号を正しく入力すること。',
  ],
  exclusions: [
    '紛失・き損又は有効期限切れによりマイナンバーカードを再発行・更新する場合',
    '郵送・窓口・証明写真機による申請',
    '特急発行による申請',
  ],
  advice: ['引継ぎの対象とならない場合は、新しいマイナンバーカードに免許情報を再記録してください(手数料1,500円)。'],
  reRecordingFeeYen: RE_RECORDING_FEE_YEN,
  notes: ['マイナ経歴証明書(運転経歴証明書の情報を記録したマイナンバーカード)も同様です。'],
};

// ---------------------------------------------------------------------------------------------------------------
// Online lecture and one-stop service [seed][C].

const seedOnlineLecture: OnlineLectureContent = {
  eligibleDriverClasses: ['EXCELLENT', 'GENERAL'],
  eligibleHoldingStatuses: ['MYNA_ONLY', 'BOTH'],
  requirements: ['マイナ免許証をお持ちで、オンライン講習のための連携手続を済ませていること。'],
  birthdayRule: {
    renewalBirthdayOnOrAfter: '2025-03-24',
    description: '更新を受ける際の誕生日が3月24日以降の方が対象となります。',
  },
  durations: [
    { driverClass: 'EXCELLENT', minutes: 30 },
    { driverClass: 'GENERAL', minutes: 60 },
  ],
  feeYen: 200,
  exclusions: ['違反運転者及び初回更新者の方', '高齢者講習を受講する方(70歳以上)'],
  notes: ['都合の良い時間、場所で講習を受講でき、更新にかかる時間も短縮されます。'],
};

const seedOneStop: OneStopServiceContent = {
  eligibleHoldingStatuses: ['MYNA_ONLY'],
  requiredSteps: ['警察で署名用電子証明書と免許情報を紐付けること。', 'マイナポータルとの連携手続を行うこと。'],
  preparation: ['マイナンバーカードの署名用電子証明書暗証番号をあらかじめご準備ください。'],
  coveredChanges: [
    { particular: 'REGISTERED_DOMICILE', label: '本籍', notes: ['本籍については、マイナポータル上で変更手続をする必要があります。'] },
    { particular: 'ADDRESS', label: '住所', notes: [] },
    { particular: 'NAME', label: '氏名', notes: [] },
    { particular: 'DATE_OF_BIRTH', label: '生年月日', notes: [] },
  ],
  exclusions: [
    'マイナ免許証と運転免許証の2枚をお持ちの方は対象外です。',
    '署名用電子証明書の有効期限が切れている場合は利用できません。',
    'マイナンバーカードの有効期限が切れている場合は利用できません。',
  ],
  notes: [
    '本籍・住所・氏名及び生年月日に変更が生じた場合でも、警察への届出は不要となります。',
    'マイナンバーカード及び署名用電子証明書にはそれぞれ有効期限があります。あらかじめ確認をお願いします。',
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Notices [seed][C].

const overviewNotice: NoticeContent = {
  title: 'マイナンバーカードと運転免許証の一体化',
  body: [
    'マイナンバーカードと運転免許証及び運転経歴証明書の一体化が令和7年3月24日(月曜)から開始されます。',
    '一体化をご希望の方は、免許証に代わり免許情報の記録されたマイナンバーカード(マイナ免許証)を保有することが可能となります。',
    'マイナ免許証についての「よくある質問」もご確認ください。',
  ].join('\n'),
  links: [
    { label: '警察庁', url: 'https://www.npa.go.jp/' },
    { label: 'デジタル庁', url: 'https://www.digital.go.jp/' },
  ],
};

const holdingStatusNotice: NoticeContent = {
  title: 'マイナ免許証の保有状況',
  body: [
    '運転免許証のみ:マイナンバーカードと運転免許証を一体化せず、運転免許証のみ保有する場合です。今までどおり、更新等ができます。',
    'マイナ免許証のみ:マイナンバーカードと運転免許証を一体化し、今お持ちの運転免許証を返納していただく場合です。',
    'マイナ免許証と運転免許証の2枚:マイナンバーカードと運転免許証を一体化した上、今お持ちの運転免許証も引き続き保有する場合です。',
    '・マイナ免許証は、マイナンバーカードを所持している方のみ希望することができます。',
    '・それぞれの保有状況により、手数料が異なります。',
    '・保有状況は、更新・学科試験又はその他の手続に伴う変更や、更新時期以外でも変更することが可能ですので、警視庁行政手続オンラインから予約してください。',
    '・自動車等運転の際は、免許証又はマイナ免許証のいずれかを携帯する必要があります。',
  ].join('\n'),
};

const cardNotesNotice: NoticeContent = {
  title: 'マイナ免許証に関すること',
  body: [
    '・マイナンバーカードの券面には、免許情報(免許種別、有効期間など)が表記されないため、マイナ免許証に記録された免許情報を読み取る場合には、マイナポータルにログインするか、「マイナ免許証読み取りアプリ」を利用する必要があります。',
    '・マイナンバーカードとマイナ免許証の有効期間は異なります。マイナ免許証の有効期間は券面に表記されないため、有効期間切れ(失効)にご注意ください。',
    '・マイナンバーカード及び署名用電子証明書にはそれぞれ有効期間がありますので、マイナンバーカードの有効期間が切れている場合は手続できません。マイナンバーカードの発行や再発行については警察では取り扱っていませんので、お住いの自治体へ問い合わせてください。',
  ].join('\n'),
};

const overseasNotice: NoticeContent = {
  title: '海外で運転を予定している方へ',
  body: [
    '・国外運転免許証を申請する場合、マイナ免許証のみをお持ちの方については、渡航先の国により、従来の運転免許証が必要になる場合があります。',
    '・国外運転免許証を申請する際にマイナ免許証のみの保有から2枚持ち等へ保有状況を変更して運転免許証の交付を希望される方は、運転免許試験場へご来場ください。',
    '・日本の運転免許証で海外で運転する場合も同様です(従来の運転免許証が必要になる場合があります)。海外で運転する際は、運転免許証(プラスチックカード)を携帯してください。',
    '・海外で運転する場合の諸注意については、渡航先の各大使館へお問い合わせください。',
  ].join('\n'),
};

const closureNotice: NoticeContent = {
  title: '運転免許窓口の全国一斉休止(令和7年3月23日)',
  body: [
    '令和7年3月23日(日曜)は、マイナンバーカードと運転免許証の一体化に伴うシステム切替のため、全国の運転免許の窓口で手続を行いません。',
    '一体化は令和7年3月24日(月曜)から開始されます。',
  ].join('\n'),
};

const contactNotice: NoticeContent = {
  title: 'お問い合わせ先',
  body: [
    '警視庁 運転免許本部 免許管理第一係',
    '電話:03-6717-3137(代表)',
    'マイナンバー総合フリーダイヤル:0120-95-0178(フリーダイヤル)',
  ].join('\n'),
};

// ---------------------------------------------------------------------------------------------------------------
// Fee tables. Before 2025-03-24 only the plastic licence existed, so the old tables give LICENSE_ONLY amounts only.

const renewalFeesBefore2025: FeeTableContent = {
  items: [
    {
      code: 'renewal',
      label: '更新手数料',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2500 } },
      sourceGrade: 'SECONDARY',
      notes: ['講習手数料は別途必要です。'],
    },
  ],
  notes: [],
};

const renewalFees2025: FeeTableContent = {
  items: [
    {
      code: 'renewal',
      label: '更新手数料',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2850, MYNA_ONLY: 2100, BOTH: 2950 } },
      sourceGrade: 'OFFICIAL',
      notes: ['講習手数料は別途必要です。'],
    },
  ],
  notes: ['経由更新の手数料は確認できていないため掲載していません。'],
};

const newLicenseFeesBefore2025: FeeTableContent = {
  items: [
    {
      code: 'new-license',
      label: '新規交付手数料',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2050 } },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
  ],
  notes: [],
};

const newLicenseFees2025: FeeTableContent = {
  items: [
    {
      code: 'new-license',
      label: '新規交付手数料',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2350, MYNA_ONLY: 1550, BOTH: 2450 } },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
  ],
  notes: [],
};

const lectureFeesBefore2025: FeeTableContent = {
  items: [
    { code: 'lecture.excellent', label: '優良運転者講習', amount: { basis: 'UNIFORM', yen: 500 }, sourceGrade: 'SECONDARY', notes: [] },
    { code: 'lecture.general', label: '一般運転者講習', amount: { basis: 'UNIFORM', yen: 800 }, sourceGrade: 'SECONDARY', notes: [] },
    {
      code: 'lecture.violator-first',
      label: '違反運転者講習・初回更新者講習',
      amount: { basis: 'UNIFORM', yen: 1350 },
      sourceGrade: 'SECONDARY',
      notes: [],
    },
  ],
  notes: ['更新時の講習(対面)の手数料です。'],
};

const lectureFees2025: FeeTableContent = {
  items: [
    { code: 'lecture.excellent', label: '優良運転者講習', amount: { basis: 'UNIFORM', yen: 500 }, sourceGrade: 'OFFICIAL', notes: [] },
    { code: 'lecture.general', label: '一般運転者講習', amount: { basis: 'UNIFORM', yen: 800 }, sourceGrade: 'SECONDARY', notes: [] },
    {
      code: 'lecture.violator-first',
      label: '違反運転者講習・初回更新者講習',
      amount: { basis: 'UNIFORM', yen: 1400 },
      sourceGrade: 'SECONDARY',
      notes: [],
    },
    {
      code: 'lecture.online',
      label: 'オンライン講習(優良運転者・一般運転者)',
      amount: { basis: 'UNIFORM', yen: 200 },
      sourceGrade: 'OFFICIAL',
      notes: ['マイナ免許証をお持ちで必要な手続をとった方が対象です。'],
    },
  ],
  notes: ['優良・一般・違反・初回の各講習は対面での受講の手数料です。'],
};

const recordingFees2025: FeeTableContent = {
  items: [
    {
      code: 'recording',
      label: '更新・新規交付以外の機会にマイナンバーカードへ免許情報を記録する手数料',
      amount: { basis: 'UNIFORM', yen: 1500 },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
    {
      code: 're-recording',
      label: 'マイナンバーカードの更新後、新しいカードへ免許情報を再記録する手数料',
      amount: { basis: 'UNIFORM', yen: RE_RECORDING_FEE_YEN },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
  ],
  notes: [],
};

const reissueFeesFrom2019: FeeTableContent = {
  items: [
    {
      code: 'reissue.license-only',
      label: '再交付手数料(運転免許証)',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2250 } },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
  ],
  notes: [],
};

const reissueFees2025: FeeTableContent = {
  items: [
    {
      code: 'reissue.license-only',
      label: '再交付手数料(運転免許証のみ → 運転免許証のみ)',
      amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 2600 } },
      sourceGrade: 'OFFICIAL',
      notes: [],
    },
  ],
  notes: ['保有状況が変わる再交付その他の組合せの手数料は確認できていないため掲載していません。'],
};

// The addition fee is known as one amount in the plastic-licence column only; other statuses stay out rather than guessed.
function additionFees(sourceNote: string[]): FeeTableContent {
  return {
    items: [
      {
        code: 'addition',
        label: '併記手数料',
        amount: { basis: 'BY_HOLDING_STATUS', byHoldingStatus: { LICENSE_ONLY: 200 } },
        sourceGrade: 'OFFICIAL',
        notes: sourceNote,
      },
    ],
    notes: [],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Publications, in record order (oldest first). Earlier open-ended versions are covered by later ones (painter's order).

const OLD_FEE_ASSUMPTION = `適用開始日 ${FEES_BEFORE_2025_FROM} と記録日時は出典に記載がないためのデモ上の仮定(この日以前の額は未掲載)`;
const FEES_2025_RECORD_ASSUMPTION = '記録日時は手数料改定の公表後の日付として仮定';

export const demoPublications: readonly DemoPublication[] = [
  {
    policyKey: 'fees.reissue',
    effectiveFrom: '2019-12-01',
    effectiveThrough: null,
    content: reissueFeesFrom2019,
    summary: '再交付手数料 2,250円(2019-12-01 から)。(出典: 公式ページで確認 [C]。記録日時は仮定)',
    recordedAt: '2019-11-01T09:00:00+09:00',
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.renewal',
    effectiveFrom: FEES_BEFORE_2025_FROM,
    effectiveThrough: null,
    content: renewalFeesBefore2025,
    summary: `一体化開始前の更新手数料 2,500円。(出典: 二次資料 [S]、公式ページ未確認。${OLD_FEE_ASSUMPTION})`,
    recordedAt: FEES_BEFORE_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.new-license',
    effectiveFrom: FEES_BEFORE_2025_FROM,
    effectiveThrough: null,
    content: newLicenseFeesBefore2025,
    summary: `一体化開始前の新規交付手数料 2,050円。(出典: 公式ページで確認 [C]。${OLD_FEE_ASSUMPTION})`,
    recordedAt: FEES_BEFORE_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.lecture',
    effectiveFrom: FEES_BEFORE_2025_FROM,
    effectiveThrough: null,
    content: lectureFeesBefore2025,
    summary: `一体化開始前の講習手数料 優良 500円・一般 800円・違反/初回 1,350円。(出典: 二次資料 [S]。${OLD_FEE_ASSUMPTION})`,
    recordedAt: FEES_BEFORE_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.addition',
    effectiveFrom: FEES_BEFORE_2025_FROM,
    effectiveThrough: null,
    content: additionFees([]),
    summary: `一体化開始前の併記手数料 200円。(出典: 公式ページで確認 [C]。${OLD_FEE_ASSUMPTION})`,
    recordedAt: FEES_BEFORE_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'myna.reservation',
    effectiveFrom: '2024-02-01',
    effectiveThrough: null,
    content: reservationBeforeIntegration,
    summary:
      '2024-02-01 から、都内の更新手続及び学科試験は予約制(WEB予約・自動音声予約ダイヤル)、70歳以上は予約不要。(出典: 二次資料 [S]。記録日時は仮定)',
    recordedAt: '2024-01-15T09:00:00+09:00',
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.renewal',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: renewalFees2025,
    summary: `2025-03-24 から更新手数料を保有状況別に改定: 運転免許証のみ 2,850円、マイナ免許証のみ 2,100円、2枚 2,950円。(出典: 公式ページで確認 [C]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.new-license',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: newLicenseFees2025,
    summary: `2025-03-24 から新規交付手数料を保有状況別に改定: 運転免許証のみ 2,350円、マイナ免許証のみ 1,550円、2枚 2,450円。(出典: 公式ページで確認 [C]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.lecture',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: lectureFees2025,
    summary: `2025-03-24 から講習手数料: 優良 500円 [C]、一般 800円 [S]、違反/初回 1,400円 [S]、オンライン講習(優良・一般)200円 [C] を新設。(出典: 公式ページで確認 [C]、一般・違反/初回の額は二次資料 [S]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.recording',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: recordingFees2025,
    summary: `2025-03-24 から、更新・新規交付以外での免許情報の記録及びカード更新後の再記録の手数料 1,500円を新設。(出典: 公式ページで確認 [C]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.reissue',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: reissueFees2025,
    summary: `2025-03-24 から再交付手数料(運転免許証のみ → 運転免許証のみ)2,600円。他の組合せは未確認のため未掲載。(出典: 公式ページで確認 [C]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'fees.addition',
    effectiveFrom: INTEGRATION_START,
    effectiveThrough: null,
    content: additionFees(['マイナ免許証を保有する場合の額は確認できていないため掲載していません。']),
    summary: `2025-03-24 以降も併記手数料 200円(運転免許証)。(出典: 公式ページで確認 [C]。${FEES_2025_RECORD_ASSUMPTION})`,
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'offices.closure',
    effectiveFrom: '2025-03-23',
    effectiveThrough: '2025-03-23',
    content: closureNotice,
    summary: '2025-03-23 はシステム切替のため全国の運転免許窓口が1日休止。(出典: 公式ページで確認 [C]。記録日時は仮定)',
    recordedAt: FEES_2025_RECORDED_AT,
    demo: false,
    inventedContent: false,
    recordDateAssumed: true,
  },
  ...(
    [
      ['myna.overview', overviewNotice, '2025-03-24 からマイナンバーカードと運転免許証の一体化を開始。'],
      ['myna.holding-status', holdingStatusNotice, '保有状況(運転免許証のみ・マイナ免許証のみ・2枚)の説明を掲載。'],
      ['myna.facilities', seedFacilities, '手続可能施設(同時に行う手続ごとの施設)を掲載。'],
      ['myna.reservation', seedReservation, 'マイナ一体化の予約方法(手続ごとの予約先、70歳以上は予約不要)を掲載。'],
      [
        'myna.card-renewal',
        seedCarryOver,
        'マイナンバーカードを更新しても免許情報は引き継がれない(システム改善は本年秋の予定)。再記録の手数料 1,500円。',
      ],
      ['myna.online-lecture', seedOnlineLecture, 'マイナ免許証保有者のオンライン講習(優良 30分・一般 60分、200円)を掲載。'],
      ['myna.one-stop', seedOneStop, '住所変更手続等のワンストップサービス(マイナ免許証のみの方)を掲載。'],
      ['myna.card-notes', cardNotesNotice, 'マイナ免許証に関する注意事項を掲載。'],
      ['myna.overseas', overseasNotice, '海外で運転を予定している方への注意事項を掲載。'],
      ['contact', contactNotice, '問い合わせ先を掲載。'],
    ] as const
  ).map(
    ([policyKey, content, note]): DemoPublication => ({
      policyKey,
      effectiveFrom: INTEGRATION_START,
      effectiveThrough: null,
      content,
      summary: `${note}(${SEED_SOURCE})`,
      recordedAt: SEED_RECORDED_AT,
      demo: false,
      inventedContent: false,
      // The seed page's own date (更新日 2025-03-24) is the record date.
      recordDateAssumed: false,
    }),
  ),
  {
    policyKey: 'myna.card-renewal',
    effectiveFrom: '2025-09-01',
    effectiveThrough: null,
    content: autumnFixCarryOver,
    summary:
      '2025-09-01 のシステム改善により、条件を満たすマイナンバーカードの更新では免許情報が引き継がれる(満たさない場合は再記録 1,500円)。' +
      '(出典: 警視庁のお知らせ 2025-09-22 付 [C]。最初の公表日は不明のため、記録日時 2025-08-01 はデモ用の架空データ)',
    recordedAt: '2025-08-01T09:00:00+09:00',
    demo: true,
    // The fix is real (警視庁のお知らせ); only the day it was first announced is not known.
    inventedContent: false,
    recordDateAssumed: true,
  },
  {
    policyKey: 'myna.facilities',
    effectiveFrom: '2027-04-01',
    effectiveThrough: null,
    content: demoExpandedFacilities,
    summary:
      '【デモ用の架空データ】2027-04-01 から記載事項変更と同時のマイナ一体化を運転免許更新センターでも受け付ける(施設の順次拡大の例)。' +
      '実在の発表ではありません。(出典: なし、デモ用の架空データ)',
    recordedAt: '2026-10-01T09:00:00+09:00',
    demo: true,
    inventedContent: true,
    recordDateAssumed: true,
  },
];
