-- The municipal registries. Every table that holds municipal data carries the
-- 地方公共団体コード (municipality_code) as the first column of its primary key,
-- so that one deployment serves many municipalities and Citus can distribute by it.

create extension if not exists pg_trgm;

create table municipality (
  code            char(6) primary key,
  name            text not null,
  name_kana       text not null,
  prefecture      text not null,
  mayor_title     text not null default '市長',
  mayor_name      text not null,
  office_address  text not null,
  postal_code     char(7) not null,
  phone           text not null,
  created_at      timestamptz not null default now()
);

-- 住民基本台帳: 世帯
create table household (
  municipality_code char(6) not null references municipality(code),
  household_id      bigint not null,
  head_resident_id  bigint,
  created_on        date not null,
  primary key (municipality_code, household_id)
);

-- 住民基本台帳: 個人 (active residents and 除票 alike; status tells which)
create table resident (
  municipality_code   char(6) not null references municipality(code),
  resident_id         bigint not null,
  juminhyo_code       char(11) not null,
  kojin_bango         char(12),
  household_id        bigint not null,
  relationship        text not null,             -- 続柄 (世帯主, 妻, 子, 母, 同居人 …)
  family_name         text not null,             -- exactly as registered, variant kanji and IVS kept
  given_name          text not null,
  family_name_kana    text not null,
  given_name_kana     text not null,
  name_key            text not null,             -- variant-folded full name, for search only
  kana_key            text not null,             -- folded kana, for search only
  birth_date          date not null,
  sex                 text not null check (sex in ('M', 'F')),
  postal_code         char(7) not null,
  address             text not null,
  katagaki            text,                      -- 方書
  address_key         text not null,
  resident_since      date not null,             -- 住民となった年月日
  address_since       date not null,             -- 住所を定めた年月日
  notified_on         date,                      -- 届出日
  previous_address    text,                      -- 前住所
  honseki             text,                      -- 本籍 (null for foreign residents)
  hittosha            text,                      -- 筆頭者
  status              text not null default 'active' check (status in ('active', 'moved_out', 'deceased')),
  removed_on          date,                      -- 除票: date of 転出/死亡
  removal_reason      text,
  moved_to_address    text,                      -- 転出先
  is_foreign          boolean not null default false,
  nationality         text,                      -- 国籍・地域
  residence_status    text,                      -- 在留資格
  residence_period_end date,                     -- 在留期間の満了の日
  tsusho              text,                      -- 通称
  name_alphabet       text,                      -- foreign residents' name in the alphabet
  support_measure     boolean not null default false, -- 支援措置 (DV etc.)
  notify_on_third_party boolean not null default false, -- 本人通知制度 registration
  version             integer not null default 1,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now(),
  primary key (municipality_code, resident_id),
  unique (municipality_code, juminhyo_code),
  foreign key (municipality_code, household_id) references household(municipality_code, household_id),
  check ((status = 'active') = (removed_on is null)),
  check (not is_foreign or nationality is not null)
);
create unique index resident_kojin_bango on resident (municipality_code, kojin_bango) where kojin_bango is not null;
create index resident_household on resident (municipality_code, household_id);
create index resident_name_trgm on resident using gin (name_key gin_trgm_ops);
create index resident_kana_trgm on resident using gin (kana_key gin_trgm_ops);
create index resident_address_trgm on resident using gin (address_key gin_trgm_ops);
create index resident_birth on resident (municipality_code, birth_date);

-- 異動履歴: every change to a resident record, in order.
create table resident_event (
  municipality_code char(6) not null,
  resident_id       bigint not null,
  seq               integer not null,
  event_type        text not null check (event_type in
                      ('tennyu', 'tenkyo', 'tenshutsu', 'shussei', 'shibou', 'setai_henko', 'shokken_shusei', 'kika')),
  event_date        date not null,               -- 異動日
  notified_on       date,                        -- 届出日
  details           jsonb not null default '{}',
  recorded_at       timestamptz not null default now(),
  primary key (municipality_code, resident_id, seq),
  foreign key (municipality_code, resident_id) references resident(municipality_code, resident_id)
);

-- 戸籍
create table koseki (
  municipality_code char(6) not null references municipality(code),
  koseki_id         bigint not null,
  honseki           text not null,
  hittosha          text not null,              -- 筆頭者氏名 as registered
  honseki_key       text not null,
  hittosha_key      text not null,
  status            text not null default 'active' check (status in ('active', 'closed', 'kaisei_gen')),
  compiled_on       date not null,              -- 編製日
  closed_on         date,                       -- 消除日 (除籍)
  closed_reason     text,
  primary key (municipality_code, koseki_id)
);
create index koseki_hittosha_trgm on koseki using gin (hittosha_key gin_trgm_ops);

create table koseki_member (
  municipality_code char(6) not null,
  koseki_id         bigint not null,
  member_no         integer not null,           -- order in the register; 1 is the 筆頭者
  family_name       text not null,
  given_name        text not null,
  birth_date        date not null,
  sex               text not null check (sex in ('M', 'F')),
  father_name       text,
  mother_name       text,
  relationship      text not null,              -- 続柄 (長男, 二女, 養子 …) or 夫/妻
  status            text not null default 'in' check (status in ('in', 'removed')),
  removed_reason    text,                       -- 婚姻, 死亡, 分籍 …
  resident_id       bigint,                     -- link to the 住民票, when the person lives in this town
  juminhyo_code     char(11),
  primary key (municipality_code, koseki_id, member_no),
  foreign key (municipality_code, koseki_id) references koseki(municipality_code, koseki_id)
);
create index koseki_member_resident on koseki_member (municipality_code, resident_id) where resident_id is not null;

-- 戸籍事項 (member_no = 0) and each person's 身分事項
create table koseki_event (
  municipality_code char(6) not null,
  koseki_id         bigint not null,
  member_no         integer not null,
  seq               integer not null,
  event_type        text not null check (event_type in
                      ('hensei', 'kaisei', 'shussei', 'konin', 'rikon', 'yoshi_engumi', 'rien', 'shibou',
                       'nyuseki', 'joseki', 'tenseki', 'bunseki', 'ninchi')),
  event_date        date not null,
  details           jsonb not null default '{}',
  primary key (municipality_code, koseki_id, member_no, seq),
  foreign key (municipality_code, koseki_id) references koseki(municipality_code, koseki_id)
);

-- 戸籍の附票: address history of each register member
create table fuhyo_entry (
  municipality_code char(6) not null,
  koseki_id         bigint not null,
  member_no         integer not null,
  seq               integer not null,
  address           text not null,
  address_since     date not null,              -- 住所を定めた年月日
  primary key (municipality_code, koseki_id, member_no, seq),
  foreign key (municipality_code, koseki_id, member_no) references koseki_member(municipality_code, koseki_id, member_no)
);

-- 印鑑登録
create table seal_registration (
  municipality_code char(6) not null,
  registration_no   bigint not null,
  resident_id       bigint not null,
  card_no           text not null,              -- 印鑑登録証 number
  impression_png    bytea not null,             -- 印影
  registered_on     date not null,
  status            text not null default 'active' check (status in ('active', 'abolished')),
  abolished_on      date,
  abolished_reason  text,
  primary key (municipality_code, registration_no),
  foreign key (municipality_code, resident_id) references resident(municipality_code, resident_id),
  check ((status = 'active') = (abolished_on is null))
);
create unique index seal_one_active on seal_registration (municipality_code, resident_id) where status = 'active';
create unique index seal_card_no on seal_registration (municipality_code, card_no);

-- 住民税課税台帳
create table tax_record (
  municipality_code      char(6) not null,
  resident_id            bigint not null,
  tax_year               integer not null,      -- 課税年度 (income of the previous calendar year)
  status                 text not null check (status in ('assessed', 'exempt', 'undeclared')),
  salary_income          bigint not null default 0,  -- 給与収入
  salary_deduction_net   bigint not null default 0,  -- 給与所得
  other_income           bigint not null default 0,
  total_income           bigint not null default 0,  -- 合計所得金額
  deductions_total       bigint not null default 0,  -- 所得控除合計
  taxable_income         bigint not null default 0,  -- 課税標準額
  municipal_tax          bigint not null default 0,  -- 市町村民税
  prefectural_tax        bigint not null default 0,  -- 道府県民税
  dependents             integer not null default 0,
  primary key (municipality_code, resident_id, tax_year),
  foreign key (municipality_code, resident_id) references resident(municipality_code, resident_id),
  check (status <> 'undeclared' or (total_income = 0 and municipal_tax = 0))
);

-- マイナンバーカード and its 利用者証明用電子証明書
create table mynumber_card (
  municipality_code char(6) not null,
  card_serial       text not null,
  resident_id       bigint not null,
  certificate_pem   text not null,
  certificate_serial text not null,
  not_before        timestamptz not null,
  not_after         timestamptz not null,
  status            text not null default 'active' check (status in ('active', 'pin_locked', 'suspended', 'revoked', 'expired')),
  issued_on         date not null,
  primary key (municipality_code, card_serial),
  foreign key (municipality_code, resident_id) references resident(municipality_code, resident_id)
);
create index mynumber_card_resident on mynumber_card (municipality_code, resident_id);
create unique index mynumber_card_cert_serial on mynumber_card (certificate_serial);
