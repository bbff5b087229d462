import { createRouter, createWebHistory } from 'vue-router'
import { session, api, onUnauthorized } from './api.js'
import MainLayout from './components/MainLayout.vue'
import LoginView from './views/LoginView.vue'
import HomeView from './views/HomeView.vue'

const routes = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: 'login.title' } },
  {
    path: '/',
    component: MainLayout,
    children: [
      { path: '', name: 'home', component: HomeView, meta: { title: 'nav.home' } },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('./views/RegionsView.vue'),
        meta: { title: 'nav.regions' },
      },
      {
        path: 'agencies',
        name: 'agencies',
        component: () => import('./views/AgenciesView.vue'),
        meta: { title: 'nav.agencies' },
      },
      {
        path: 'officers',
        name: 'officers',
        component: () => import('./views/OfficersView.vue'),
        meta: { title: 'nav.officers' },
      },
      {
        path: 'catalog',
        name: 'catalog',
        component: () => import('./views/CatalogView.vue'),
        meta: { title: 'nav.catalog' },
      },
      {
        path: 'cases',
        name: 'cases',
        component: () => import('./views/CasesView.vue'),
        meta: { title: 'nav.cases' },
      },
      {
        path: 'cases/new',
        name: 'case-new',
        component: () => import('./views/CaseNewView.vue'),
        meta: { title: 'cases.newLead' },
      },
      {
        path: 'cases/summary',
        name: 'case-summary',
        component: () => import('./views/CaseNewView.vue'),
        props: { summary: true },
        meta: { title: 'cases.summary' },
      },
      {
        path: 'cases/:id',
        name: 'case',
        component: () => import('./views/CaseView.vue'),
        props: true,
        meta: { title: 'nav.cases' },
      },
      {
        path: 'leads/fanout',
        name: 'fanout',
        component: () => import('./views/FanoutView.vue'),
        meta: { title: 'nav.fanout' },
      },
      {
        path: 'evidence',
        name: 'evidence',
        component: () => import('./views/EvidenceView.vue'),
        meta: { title: 'nav.evidence' },
      },
      {
        path: 'discretion',
        name: 'discretion',
        component: () => import('./views/DiscretionView.vue'),
        meta: { title: 'nav.discretion' },
      },
      {
        path: 'coverage',
        name: 'coverage',
        component: () => import('./views/CoverageView.vue'),
        meta: { title: 'nav.coverage' },
      },
      {
        path: 'disputes',
        name: 'disputes',
        component: () => import('./views/DisputesView.vue'),
        meta: { title: 'nav.disputes' },
      },
      {
        path: 'township-lists',
        name: 'township-lists',
        component: () => import('./views/TownshipListsView.vue'),
        meta: { title: 'nav.townshipLists' },
      },
      {
        path: 'indicators',
        name: 'indicators',
        component: () => import('./views/IndicatorsView.vue'),
        meta: { title: 'nav.indicators' },
      },
      {
        path: ':rest(.*)*',
        name: 'not-found',
        component: () => import('./views/NotFoundView.vue'),
        meta: { title: 'notFound.title' },
      },
    ],
  },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.token) return { name: 'login', query: { redirect: to.fullPath } }
  if (!session.checked) {
    // A token from an earlier tab: make sure it still works and the user is current.
    try {
      session.user = await api('GET', '/me')
      session.checked = true
    } catch {
      if (!session.token) return { name: 'login', query: { redirect: to.fullPath } }
    }
  }
  return true
})

onUnauthorized(() => {
  const cur = router.currentRoute.value
  if (cur.name !== 'login') router.replace({ name: 'login', query: { redirect: cur.fullPath } })
})
