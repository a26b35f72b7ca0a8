// Placeholder: replaced by the screen itself.
export const AuditShow = () => <div>AuditShow</div>;
