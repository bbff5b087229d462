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
  cases: ['agency_head', 'legal_reviewer', 'officer'],
  // POST /leads/fanout (lead_dispatch): the 综合执法办 (catalog_admin) and supervisors
  leads: ['supervisor', 'catalog_admin'],
  // PUT/PATCH /agencies/{id}/case-config (case_config_write)
  caseConfig: ['admin', 'agency_head'],
}

// Who reads a resource at all (the menu shows only these); absent = everyone.
export const READERS = {
  cases: ['admin', 'supervisor', 'agency_head', 'legal_reviewer', 'officer', 'auditor'],
}

export function canRead(role, resource) {
  return !READERS[resource] || READERS[resource].includes(role)
}

export function canWrite(role, resource) {
  return (WRITERS[resource] || []).includes(role)
}
