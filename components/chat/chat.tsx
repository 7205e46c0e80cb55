"use client";

import { SlidersHorizontal } from "lucide-react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import {
  NUMERIC_PARAM_KEYS,
  type NumericParamKey,
  type ParamField,
  readParamForm,
  toFormValues,
} from "@/components/params/param-form";
import { ParamsPanel } from "@/components/params/params-panel";
import { ParamsToolbar } from "@/components/params/params-toolbar";
import { LazyExportMenu, LazyShareButton } from "@/components/share/lazy-share";
import { useComposerShortcuts } from "@/components/shortcuts/use-composer-shortcuts";
import { useShell } from "@/components/sidebar/app-shell";
import { PageHeader } from "@/components/sidebar/page-header";
import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { type Catalog, findModel, isSelectable, type ModelSelection } from "@/lib/ai/models";
import { endsUnanswered, mergedPrompts } from "@/lib/chat/history";
import type { ConversationView, MessagesPage } from "@/lib/chat/types";
import { generateId } from "@/lib/ids";
import { DEFAULT_LIMITS, defaultParams, type GenerationParams } from "@/lib/params";
import { AssistantMessage } from "./assistant-message";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { ExcerptNotice } from "./excerpt-notice";
import { loadLastSettings, saveLastSettings } from "./last-settings";
import { type MessageActions, MessageActionsProvider } from "./message-actions";
import { editLastUserMessage, useOpenAtMessage } from "./message-dom";
import {
  EarlierMessages,
  MergeAheadNotice,
  RequestErrorBanner,
  ScrollToLatestButton,
  UnansweredNotice,
} from "./message-list-controls";
import { historyTurns } from "./message-parts";
import { type ChatAction, type RequestSettings, useChatSession } from "./use-chat-session";
import { useMediaQuery } from "./use-media-query";
import { useStickToBottom } from "./use-stick-to-bottom";
import { UserMessage } from "./user-message";

function initialSettings(catalog: Catalog, conversation: ConversationView | undefined) {
  const fallback = catalog.defaultSelection;
  if (!conversation) {
    const limits = findModel(catalog, fallback)?.limits ?? DEFAULT_LIMITS;
    return { selection: fallback, values: toFormValues(defaultParams(limits)), note: undefined };
  }
  const stored = { providerId: conversation.providerId, modelId: conversation.modelId };
  if (isSelectable(catalog, stored)) {
    return { selection: stored, values: toFormValues(conversation.params), note: undefined };
  }
  const providerName = catalog.providers.find((p) => p.id === stored.providerId)?.name ?? stored.providerId;
  return {
    selection: fallback,
    values: toFormValues(conversation.params),
    note: `This conversation used ${stored.modelId} (${providerName}), which is not available now.`,
  };
}

/** Memoized, like the composer and the parameters: the page re-renders with every streamed update. */
const ChatHeader = memo(function ChatHeader({
  title,
  providerName,
  modelId,
  shareId,
  panelExpanded,
  paramsInvalid,
  onTogglePanel,
}: {
  title: string;
  providerName: string | undefined;
  modelId: string;
  /** the conversation's id once the server has it (Share and Export need it) */
  shareId: string | undefined;
  panelExpanded: boolean;
  paramsInvalid: boolean;
  onTogglePanel: () => void;
}) {
  return (
    <PageHeader title={title}>
      <div className="ml-auto flex shrink-0 items-center gap-1">
        <span className="hidden max-w-56 truncate text-muted-foreground text-xs md:inline">
          {providerName} · {modelId}
        </span>
        {shareId && (
          <>
            <LazyShareButton kind="conversation" id={shareId} />
            <LazyExportMenu kind="conversation" id={shareId} />
          </>
        )}
        <ThemeToggle />
        <Tooltip content={panelExpanded ? "Hide parameters" : "Show parameters"}>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label="Parameters"
            aria-expanded={panelExpanded}
            aria-controls="params-panel"
            onClick={onTogglePanel}
            className="relative"
          >
            <SlidersHorizontal />
            {paramsInvalid && (
              <span aria-hidden className="absolute top-1.5 right-1.5 size-1.5 rounded-full bg-destructive" />
            )}
          </Button>
        </Tooltip>
      </div>
    </PageHeader>
  );
});

const StableParamsPanel = memo(ParamsPanel);

export function Chat({
  catalog,
  conversation,
  openAt,
}: {
  catalog: Catalog;
  conversation?: ConversationView;
  /** the id of a message to open at, scrolled into view and highlighted (a search result) */
  openAt?: string;
}) {
  const { conversations, refreshConversations } = useShell();
  // A new chat names itself; the server creates the row on the first message.
  const [conversationId] = useState(() => conversation?.id ?? generateId());
  // State, not a ref: the header offers Share and Export once the server has the conversation.
  const [persisted, setPersisted] = useState(Boolean(conversation));
  // Only answers loaded from the server can be "interrupted"; a stream in this tab reports its own end.
  const loadedIds = useRef<Set<string>>(null);
  loadedIds.current ??= new Set(conversation?.messages.map((m) => m.id));
  // A long conversation opens at its latest messages; earlier ones load as the reader scrolls up.
  const [hasEarlier, setHasEarlier] = useState(Boolean(conversation?.hasEarlier));
  // Opened far back in a long conversation (a search result): a part of it, read-only (see ExcerptNotice).
  const [excerpt] = useState(Boolean(conversation?.hasLater));

  const [initial] = useState(() => initialSettings(catalog, conversation));
  const [selection, setSelection] = useState<ModelSelection>(initial.selection);
  const [selectionNote, setSelectionNote] = useState(initial.note);
  const [values, setValues] = useState(initial.values);
  const [badInput, setBadInput] = useState<ReadonlySet<NumericParamKey>>(new Set());
  const limits = findModel(catalog, selection)?.limits ?? DEFAULT_LIMITS;
  const form = useMemo(() => readParamForm(values, badInput, limits), [values, badInput, limits]);
  const selectable = isSelectable(catalog, selection);
  const blockedReason = !selectable
    ? "Choose an available model"
    : !form.valid
      ? "Fix the invalid parameters first"
      : undefined;

  useEffect(() => {
    if (conversation) return;
    const saved = loadLastSettings(catalog);
    if (!saved) return;
    setSelection(saved.selection);
    setValues(toFormValues(saved.params));
  }, [catalog, conversation]);

  const [input, setInput] = useState("");
  // View code reads the composer's text when it opens: the parameter panel need not re-render per keystroke.
  const inputRef = useRef(input);
  inputRef.current = input;
  const {
    messages,
    status,
    busy,
    start,
    stop,
    selectVersion,
    deleteVersion,
    requestError,
    setRequestError,
    latestMessages,
    setMessages,
  } = useChatSession(conversationId, conversation?.messages ?? [], {
    onResponseOk: (settings) => {
      saveLastSettings({
        selection: { providerId: settings.providerId, modelId: settings.modelId },
        params: settings.params,
      });
      if (!persisted) {
        setPersisted(true);
        window.history.replaceState(null, "", `/c/${conversationId}`);
      }
      void refreshConversations();
    },
    onRefused: (action) => {
      if (action.kind === "submit") setInput((current) => (current === "" ? action.text : current));
    },
    onSettled: () => void refreshConversations(),
  });

  const { scrollRef, contentRef, farFromBottom, scrollToBottom, keepPositionOnPrepend } = useStickToBottom();

  const loadingEarlier = useRef(false);
  const loadEarlier = useCallback(async () => {
    const first = latestMessages.current[0];
    if (!first || loadingEarlier.current) return;
    loadingEarlier.current = true;
    try {
      const res = await fetch(
        `/api/conversations/${encodeURIComponent(conversationId)}/messages?before=${encodeURIComponent(first.id)}`,
        { cache: "no-store" },
      ).catch(() => null);
      if (!res?.ok) {
        toast.error("Could not load earlier messages");
        return;
      }
      const page = (await res.json()) as MessagesPage;
      for (const m of page.messages) loadedIds.current?.add(m.id);
      keepPositionOnPrepend();
      // An edit may have replaced the first message meanwhile: then this page no longer joins on.
      setMessages((all) => (all[0]?.id === first.id ? [...page.messages, ...all] : all));
      setHasEarlier(page.hasEarlier);
    } finally {
      loadingEarlier.current = false;
    }
  }, [conversationId, latestMessages, setMessages, keepPositionOnPrepend]);

  const run = useCallback(
    (action: ChatAction) => {
      if (busy || blockedReason) return;
      const settings: RequestSettings = {
        providerId: selection.providerId,
        modelId: selection.modelId,
        params: form.params,
      };
      scrollToBottom();
      start(action, settings);
      if (action.kind === "submit") setInput("");
    },
    [busy, blockedReason, selection, form.params, start, scrollToBottom],
  );

  const onRegenerate = useCallback(() => run({ kind: "regenerate" }), [run]);
  const onEdit = useCallback(
    (messageId: string, text: string) => run({ kind: "edit", messageId, text }),
    [run],
  );

  const lastMessageId = messages.at(-1)?.id;
  const messageActions = useMemo<MessageActions>(
    () => ({
      busy: busy || excerpt,
      canSend: !blockedReason,
      lastMessageId: excerpt ? undefined : lastMessageId,
      retryable: !requestError,
      onRegenerate,
      onEdit,
      onSelectVersion: selectVersion,
      onDeleteVersion: deleteVersion,
    }),
    [
      busy,
      excerpt,
      blockedReason,
      lastMessageId,
      requestError,
      onRegenerate,
      onEdit,
      selectVersion,
      deleteVersion,
    ],
  );

  const retry = () => {
    if (!requestError) return;
    const { action } = requestError;
    if (action.kind === "submit") run({ kind: "submit", text: input.trim() ? input : action.text });
    else run(action);
  };

  const onParamChange = useCallback((field: ParamField, value: string, bad = false) => {
    setValues((v) => ({ ...v, [field]: value }));
    if ((NUMERIC_PARAM_KEYS as readonly string[]).includes(field)) {
      setBadInput((prev) => {
        const key = field as NumericParamKey;
        if (prev.has(key) === bad) return prev;
        const next = new Set(prev);
        if (bad) next.add(key);
        else next.delete(key);
        return next;
      });
    }
  }, []);

  const isDesktop = useMediaQuery("(min-width: 1024px)", true);
  const [panelHiddenOnDesktop, setPanelHiddenOnDesktop] = useState(false);
  const [panelOpenOnMobile, setPanelOpenOnMobile] = useState(false);
  const panelExpanded = isDesktop ? !panelHiddenOnDesktop : panelOpenOnMobile;
  const togglePanel = useCallback(
    () => (isDesktop ? setPanelHiddenOnDesktop((h) => !h) : setPanelOpenOnMobile((o) => !o)),
    [isDesktop],
  );
  const showPanel = useCallback(
    () => (isDesktop ? setPanelHiddenOnDesktop(false) : setPanelOpenOnMobile(true)),
    [isDesktop],
  );
  const closePanel = useCallback(() => setPanelOpenOnMobile(false), []);
  const onApplyPreset = useCallback((params: GenerationParams) => {
    setValues(toFormValues(params));
    setBadInput(new Set());
  }, []);
  const providerLabel =
    catalog.providers.find((p) => p.id === selection.providerId)?.name ?? selection.providerId;
  const toolbar = useMemo(
    () => (
      <ParamsToolbar
        limits={limits}
        modelLabel={`${selection.modelId} (${providerLabel})`}
        values={values}
        params={form.valid ? form.params : undefined}
        invalidReason="Fix the invalid parameters first"
        onApply={onApplyPreset}
        loadCode={() =>
          fetch("/api/view-code", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              conversationId,
              providerId: selection.providerId,
              modelId: selection.modelId,
              params: form.params,
              text: inputRef.current,
            }),
          })
        }
      />
    ),
    [limits, selection, providerLabel, values, form, onApplyPreset, conversationId],
  );
  const onSelectionChange = useCallback((sel: ModelSelection) => {
    setSelection(sel);
    setSelectionNote(undefined);
  }, []);
  const onReset = useCallback(() => {
    setValues(toFormValues(defaultParams(limits)));
    setBadInput(new Set());
  }, [limits]);
  useEffect(() => {
    if (!panelOpenOnMobile) return;
    // Not when a menu or dialog in the panel (Presets, View code) took this Escape to close itself.
    const onKey = (e: KeyboardEvent) =>
      e.key === "Escape" && !e.defaultPrevented && setPanelOpenOnMobile(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [panelOpenOnMobile]);

  const title =
    conversations.find((c) => c.id === conversationId)?.title ?? conversation?.title ?? "New conversation";
  useEffect(() => {
    document.title = `${title} · Speciale Playground`;
  }, [title]);

  const composerFooter = useMemo(
    () =>
      blockedReason ? (
        <button
          type="button"
          className="text-destructive underline-offset-2 hover:underline"
          onClick={showPanel}
        >
          {blockedReason}
        </button>
      ) : (
        <>
          <span className="md:hidden">{selection.modelId}</span>
          <span className="hidden md:inline">Enter to send · Shift+Enter for a new line</span>
        </>
      ),
    [blockedReason, showPanel, selection.modelId],
  );
  const onSend = useCallback(() => run({ kind: "submit", text: input }), [run, input]);
  const onStop = useCallback(() => void stop(), [stop]);
  useComposerShortcuts({ busy, onStop });
  const onEditLast = useCallback(() => void editLastUserMessage(latestMessages.current), [latestMessages]);
  useOpenAtMessage(openAt, scrollRef);

  const offlineOnly = !catalog.providers.some((p) => p.configured && !p.offline);
  const selectedProvider = catalog.providers.find((p) => p.id === selection.providerId);
  // Not `busy`: a send waiting for the chat runtime's download is busy before its message is added, while
  // the last message is still the previous answer, which would be taken for the one streaming.
  const responding = status === "submitted" || status === "streaming";
  const last = messages.at(-1);
  const waitingForFirstChunk = status === "submitted" && last?.role === "user";
  const unanswered = !busy && !requestError && !excerpt && last?.role === "user";
  // What the model got when a prompt went together with unanswered ones, and a word before that happens.
  const turns = useMemo(() => historyTurns(messages), [messages]);
  const merged = useMemo(() => mergedPrompts(turns), [turns]);
  const mergeAhead = !busy && endsUnanswered(turns);

  return (
    <>
      <section aria-label="Chat" className="flex min-w-0 flex-1 flex-col">
        <ChatHeader
          title={title}
          providerName={selectedProvider?.name}
          modelId={selection.modelId}
          shareId={persisted ? conversationId : undefined}
          panelExpanded={panelExpanded}
          paramsInvalid={!form.valid}
          onTogglePanel={togglePanel}
        />

        <div className="relative min-h-0 flex-1">
          <div ref={scrollRef} className="h-full overflow-y-auto overscroll-contain">
            <div
              ref={contentRef}
              className="mx-auto flex w-full max-w-3xl flex-col gap-5 px-4 pt-6 pb-10 sm:px-6"
            >
              {messages.length === 0 && !waitingForFirstChunk ? (
                <EmptyState offlineOnly={offlineOnly} />
              ) : (
                hasEarlier && (
                  <EarlierMessages root={scrollRef} loaded={messages.length} onLoad={loadEarlier} />
                )
              )}
              <MessageActionsProvider value={messageActions}>
                {messages.map((m, i) =>
                  m.role === "user" ? (
                    <UserMessage key={m.id} message={m} sentAs={merged.get(i)?.content} />
                  ) : (
                    <AssistantMessage
                      key={m.id}
                      message={m}
                      catalog={catalog}
                      active={responding && i === messages.length - 1}
                      loaded={loadedIds.current?.has(m.id) ?? false}
                    />
                  ),
                )}
              </MessageActionsProvider>
              {waitingForFirstChunk && (
                <div role="status" className="flex items-center gap-2 text-muted-foreground text-sm">
                  <span className="flex gap-1" aria-hidden>
                    <span className="size-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.3s]" />
                    <span className="size-1.5 animate-bounce rounded-full bg-current [animation-delay:-0.15s]" />
                    <span className="size-1.5 animate-bounce rounded-full bg-current" />
                  </span>
                  Waiting for {selection.modelId}…
                </div>
              )}
              {unanswered && <UnansweredNotice disabled={Boolean(blockedReason)} onRetry={onRegenerate} />}
            </div>
          </div>
          {farFromBottom && <ScrollToLatestButton onClick={() => scrollToBottom("smooth")} />}
        </div>

        <div className="mx-auto w-full max-w-3xl px-3 pb-3 sm:px-6 sm:pb-4">
          {requestError && (
            <RequestErrorBanner
              error={requestError}
              retryDisabled={Boolean(blockedReason) || busy}
              onRetry={retry}
              onDismiss={() => setRequestError(null)}
            />
          )}
          {mergeAhead && !requestError && <MergeAheadNotice />}
          {excerpt ? (
            <ExcerptNotice conversationId={conversationId} />
          ) : (
            <Composer
              value={input}
              onChange={setInput}
              onSend={onSend}
              onStop={onStop}
              onEditLast={onEditLast}
              busy={busy}
              blockedReason={blockedReason}
              footer={composerFooter}
            />
          )}
        </div>
      </section>

      <StableParamsPanel
        catalog={catalog}
        selection={selection}
        onSelectionChange={onSelectionChange}
        selectionNote={selectionNote}
        limits={limits}
        values={values}
        errors={form.errors}
        onChange={onParamChange}
        onReset={onReset}
        mobileOpen={panelOpenOnMobile}
        desktopHidden={panelHiddenOnDesktop}
        onClose={closePanel}
        toolbar={toolbar}
      />
    </>
  );
}
