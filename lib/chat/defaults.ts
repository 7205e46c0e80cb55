/** Titles given before the first message names a chat or a comparison. */
export const DEFAULT_CHAT_TITLE = "New chat";
export const DEFAULT_COMPARISON_TITLE = "New comparison";
