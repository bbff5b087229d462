// The closed value sets of the API, in display order.
export const LEVELS = ['province', 'city', 'county', 'township', 'village']
export const KINDS = ['comprehensive', 'departmental', 'township']
export const STATUSES = ['active', 'suspended', 'revoked']
// The enforcement-item catalog (domain/catalog.c).
export const ITEM_KINDS = ['penalty', 'inspection', 'coercion', 'other']
export const ITEM_LEVELS = ['province', 'city', 'county', 'township']
export const ITEM_MODES = ['comprehensive', 'departmental']
export const ITEM_DOMAINS = [
  '市场监管', '生态环境', '城市管理', '交通运输', '卫生健康', '应急管理', '农业', '文化市场',
  '自然资源', '住房城建', '水利', '林业', '商务', '民政', '教育', '人力社保', '其他',
]
export const PENALTY_TYPES = [
  'warning', 'circulated_criticism', 'fine', 'confiscate_gains', 'confiscate_property',
  'suspend_permit', 'downgrade_qualification', 'revoke_permit', 'restrict_business',
  'stop_business', 'order_closure', 'occupational_ban', 'other',
]
export const CHANGE_ACTIONS = ['add', 'amend', 'transfer', 'delegate', 'repeal']
export const CHANGE_STATUSES = ['proposed', 'approved', 'rejected']
