// Placeholder: replaced by the screen itself.
export const UserList = () => <div>UserList</div>;
