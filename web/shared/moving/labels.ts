/**
 * Translation keys for the register's own words. A 続柄 is stored in Japanese
 * exactly as the register writes it; other readers get a translation beside it.
 */
export type RelationshipKey =
  | 'head'
  | 'wife'
  | 'husband'
  | 'child'
  | 'father'
  | 'mother'
  | 'grandchild'
  | 'grandfather'
  | 'grandmother'
  | 'elderBrother'
  | 'elderSister'
  | 'youngerBrother'
  | 'youngerSister'
  | 'childsWife'
  | 'childsHusband'
  | 'wifesFather'
  | 'wifesMother'
  | 'husbandsFather'
  | 'husbandsMother'
  | 'cohabitant';

export const RELATIONSHIP_KEYS: Record<string, RelationshipKey | undefined> = {
  世帯主: 'head',
  妻: 'wife',
  夫: 'husband',
  子: 'child',
  父: 'father',
  母: 'mother',
  孫: 'grandchild',
  祖父: 'grandfather',
  祖母: 'grandmother',
  兄: 'elderBrother',
  姉: 'elderSister',
  弟: 'youngerBrother',
  妹: 'youngerSister',
  子の妻: 'childsWife',
  子の夫: 'childsHusband',
  妻の父: 'wifesFather',
  妻の母: 'wifesMother',
  夫の父: 'husbandsFather',
  夫の母: 'husbandsMother',
  同居人: 'cohabitant',
};
