// Roles and what the UI offers each of them. The server decides; the UI only
// hides what a role cannot do and says why.
export const ROLES = [
  'admin',
  'supervisor',
  'catalog_admin',
  'agency_head',
  'legal_reviewer',
  'officer',
  'auditor',
]

export const WRITERS = {
  regions: ['admin'],
  agencies: ['admin'],
  officers: ['admin', 'agency_head'],
  catalog: ['admin', 'catalog_admin'],
  evidence: ['agency_head', 'officer'],
}

export function canWrite(role, resource) {
  return (WRITERS[resource] || []).includes(role)
}
