import { lazy } from 'react';

// The organiser's screens are loaded when an admin first opens them: the host's tablet starts with
// the show alone, and a third of the code (preparing, the guest list, pairing QR codes) waits. For an
// admin they are warmed a moment after the first paint (warmUp), so they still open after a failover.
const loadSetup = () => import('./setup/SetupView.js');
const loadPrepare = () => import('./prepare/PreparePanel.js');
const loadAdmin = () => import('./admin/AdminPanel.js');

export const SetupView = lazy(() => loadSetup().then((m) => ({ default: m.SetupView })));
export const PreparePanel = lazy(() => loadPrepare().then((m) => ({ default: m.PreparePanel })));
export const AdminPanel = lazy(() => loadAdmin().then((m) => ({ default: m.AdminPanel })));

export const ORGANISER_SCREENS = [loadSetup, loadPrepare, loadAdmin] as const;
