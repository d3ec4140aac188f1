/** The organiser's screens (guest list, badges, devices, reports); filled in by the guest-data work. */
export function AdminPanel() {
  return <section className="admin-panel" data-testid="admin-panel" />;
}
