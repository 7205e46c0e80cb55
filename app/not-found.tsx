import { NotFoundView } from "@/components/not-found-view";

export default function NotFound() {
  return <NotFoundView title="Page not found" detail="There is nothing at this address." />;
}
