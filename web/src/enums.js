// The closed value sets of the API, in display order.
export const LEVELS = ['province', 'city', 'county', 'township', 'village']
export const KINDS = ['comprehensive', 'departmental', 'township']
export const STATUSES = ['active', 'suspended', 'revoked']
