import { NotFoundView } from "@/components/not-found-view";

export default function ShareNotFound() {
  return (
    <NotFoundView
      title="This shared link is not available"
      detail="It may have been revoked by its owner or have expired, or the address is incomplete."
    />
  );
}
