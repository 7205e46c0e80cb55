"use client";

import { CodeXml, Pencil, RefreshCw } from "lucide-react";
import { createContext, type ReactNode, useContext } from "react";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { LazyViewCodeDialog } from "@/components/view-code/lazy-view-code-dialog";
import { cn } from "@/lib/utils";
import { CopyButton } from "./copy-button";
import { VersionNav } from "./version-nav";

/**
 * What a message's buttons depend on besides the message itself: whether a request is running, which
 * message is last, whether Retry may be offered. It changes when a send starts and ends; read through
 * this context by the small button rows only, so a finished message (its markdown above all) does not
 * re-render when another one starts or finishes streaming.
 */
export interface MessageActions {
  /** a request is running (or sending is blocked): actions that would send are disabled */
  busy: boolean;
  /** the parameters are valid: an edited message may be sent */
  canSend: boolean;
  lastMessageId: string | undefined;
  /** no failed request is already offering a retry */
  retryable: boolean;
  onRegenerate: () => void;
  onEdit: (messageId: string, text: string) => void;
  /** show version `versionId` of the shown message `messageId` (absent: versions are not browsable here) */
  onSelectVersion?: (messageId: string, versionId: string) => void;
  /**
   * only the last message's versions are browsable (a comparison column: switching an earlier one would
   * change the column's branch and put it out of step with the others)
   */
  versionsOfLastOnly?: boolean;
  /** delete the shown version `messageId` (and what followed it); absent: not offered here */
  onDeleteVersion?: (messageId: string) => Promise<void>;
  /** the settings are hidden (a blind A/B comparison): no View code, which would show them */
  blind?: boolean;
}

const noop = () => {};
const MessageActionsContext = createContext<MessageActions>({
  busy: true,
  canSend: false,
  lastMessageId: undefined,
  retryable: false,
  onRegenerate: noop,
  onEdit: noop,
});

export function MessageActionsProvider({ value, children }: { value: MessageActions; children: ReactNode }) {
  return <MessageActionsContext.Provider value={value}>{children}</MessageActionsContext.Provider>;
}

export const useMessageActions = () => useContext(MessageActionsContext);

/** Copy, and Regenerate on the last answer; on earlier answers the row shows on hover or focus. */
export function AnswerActions({
  messageId,
  text,
  versions,
}: {
  messageId: string;
  text: string;
  versions?: string[];
}) {
  const { busy, lastMessageId, onRegenerate, onSelectVersion, onDeleteVersion, versionsOfLastOnly, blind } =
    useMessageActions();
  const isLast = messageId === lastMessageId;
  const browsable = isLast || !versionsOfLastOnly;
  return (
    <div
      className={cn(
        "-ml-1.5 flex items-center gap-0.5 transition-opacity",
        !isLast &&
          !(browsable && versions && versions.length > 1) &&
          "[@media(hover:hover)]:opacity-0 [@media(hover:hover)]:group-focus-within/msg:opacity-100 [@media(hover:hover)]:group-hover/msg:opacity-100",
      )}
    >
      <VersionNav
        messageId={messageId}
        versions={browsable ? versions : undefined}
        busy={busy}
        onSelectVersion={onSelectVersion}
        onDeleteVersion={onDeleteVersion}
      />
      {text !== "" && <CopyButton text={text} />}
      {!blind && (
        <LazyViewCodeDialog
          title="View code"
          tooltip="View code"
          load={() =>
            fetch(`/api/view-code?messageId=${encodeURIComponent(messageId)}`, { cache: "no-store" })
          }
          trigger={
            <Button
              variant="ghost"
              size="icon-xs"
              aria-label="View code"
              className="text-muted-foreground hover:text-foreground"
            >
              <CodeXml />
            </Button>
          }
        />
      )}
      {isLast && (
        <MessageIconButton label="Regenerate" disabled={busy} onClick={onRegenerate}>
          <RefreshCw />
        </MessageIconButton>
      )}
    </div>
  );
}

/** Retry on a failed answer: only the last one, and only when no failed request offers one already. */
export function RetryButton({ messageId }: { messageId: string }) {
  const { busy, lastMessageId, retryable, onRegenerate } = useMessageActions();
  if (messageId !== lastMessageId || !retryable) return null;
  return (
    <Button size="xs" variant="outline" disabled={busy} onClick={onRegenerate}>
      Retry
    </Button>
  );
}

export function EditButton({ onClick }: { onClick: () => void }) {
  const { busy } = useMessageActions();
  return (
    <MessageIconButton label="Edit" disabled={busy} onClick={onClick}>
      <Pencil />
    </MessageIconButton>
  );
}

/** A message's icon button, named by its tooltip. */
function MessageIconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Tooltip content={label}>
      <Button
        variant="ghost"
        size="icon-xs"
        aria-label={label}
        className="text-muted-foreground hover:text-foreground"
        disabled={disabled}
        onClick={onClick}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
