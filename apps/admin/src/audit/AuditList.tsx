// Placeholder: replaced by the screen itself.
export const AuditList = () => <div>AuditList</div>;
