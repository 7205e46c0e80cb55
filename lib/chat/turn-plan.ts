import type { ConversationRow, MessageRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ChatRequest } from "./request-schema";

/** What the database says about a chat request, read inside the turn's write transaction. */
export interface TurnState {
  /** the conversation, when the requester owns it */
  conversation: ConversationRow | undefined;
  /** whether a conversation with this id exists at all (any owner) */
  conversationIdTaken: boolean;
  /** the owned conversation's messages on its shown branch, in order */
  messages: MessageRow[];
  /** the conversation that already uses `message.id`, if any (any owner) */
  messageIdUsedIn: string | undefined;
}

/** The writes of one turn, decided before any of them happens. */
export interface TurnPlan {
  createConversation: boolean;
  /**
   * regenerate, edit: the active messages from this position on leave the shown branch (kept as earlier
   * versions); the new messages start a new version here
   */
  branchAt?: number;
  /** where the first new message goes: after this message (null: first), at this position */
  parentId: string | null;
  seq: number;
  /** edit: the edited message, whose earlier version takes a new id so that the new one keeps this one */
  editedId?: string;
  appendUser?: { id: string; text: string };
}

const conflict = (field: string, message: string) => new AppError("conflict", message, [{ field, message }]);
const invalid = (field: string, message: string, detail: string) =>
  new AppError("invalid_request", message, [{ field, message: detail }]);

/**
 * Validate a chat request against the stored state and plan its writes; throws (a 409 or a 400 naming the
 * field) before anything is written, so a refused request stores nothing.
 */
export function planTurn(req: ChatRequest, s: TurnState): TurnPlan {
  if (!s.conversation && s.conversationIdTaken) {
    throw conflict("conversationId", "This conversation id is already taken");
  }
  const createConversation = !s.conversation;
  const last = s.messages.at(-1);
  if (req.trigger === "regenerate") {
    const lastUser = s.messages.findLast((m) => m.role === "user");
    if (!lastUser) {
      throw invalid("trigger", "Nothing to regenerate", "The conversation has no user message");
    }
    // A new answer to the last user message, beside the earlier ones.
    return { createConversation, branchAt: lastUser.seq + 1, parentId: lastUser.id, seq: lastUser.seq + 1 };
  }
  const message = req.message;
  if (!message) throw invalid("message", "message is required when trigger is submit", "Required");
  const edited = s.messages.find((m) => m.id === message.id);
  if (edited && edited.role !== "user") {
    throw invalid("message.id", "Only user messages can be edited", "Not a user message");
  }
  if (!edited && s.messageIdUsedIn !== undefined) {
    throw conflict(
      "message.id",
      s.messageIdUsedIn === req.conversationId
        ? "This message id is already used by an earlier version in this conversation"
        : "This message id is already used in another conversation",
    );
  }
  const appendUser = { id: message.id, text: message.text };
  if (edited) {
    return {
      createConversation,
      branchAt: edited.seq,
      parentId: edited.parentId,
      seq: edited.seq,
      editedId: edited.id,
      appendUser,
    };
  }
  return { createConversation, parentId: last?.id ?? null, seq: last ? last.seq + 1 : 0, appendUser };
}
