import { NotFoundView } from "@/components/not-found-view";

export default function ComparisonNotFound() {
  return (
    <NotFoundView
      title="This comparison does not exist"
      detail="It may have been deleted, or the link is mistyped."
    />
  );
}
