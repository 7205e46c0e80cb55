import { NotFoundView } from "@/components/not-found-view";

export default function ConversationNotFound() {
  return (
    <NotFoundView
      title="This conversation does not exist"
      detail="It may have been deleted, or the link is mistyped."
    />
  );
}
