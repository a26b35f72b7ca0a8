// Placeholder: replaced by the screen itself.
export const UserEdit = () => <div>UserEdit</div>;
