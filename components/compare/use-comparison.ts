"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { failureMessage } from "@/components/api-error";
import { loadLastSettings } from "@/components/chat/last-settings";
import {
  NUMERIC_PARAM_KEYS,
  type NumericParamKey,
  type ParamField,
  type ParamFormState,
  type ParamFormValues,
  readParamForm,
  toFormValues,
} from "@/components/params/param-form";
import { type Catalog, findModel, isSelectable, type ModelSelection } from "@/lib/ai/models";
import type { ChatUIMessage } from "@/lib/chat/types";
import type { ColumnSettings } from "@/lib/compare/differences";
import { type SweepKey, sweepParams } from "@/lib/compare/sweep";
import { type ComparisonView, MAX_COLUMNS, MIN_COLUMNS } from "@/lib/compare/types";
import { generateId } from "@/lib/ids";
import { DEFAULT_LIMITS, defaultParams, type GenerationParams, type ModelLimits } from "@/lib/params";

/** What the user edits in a column; its messages live in the column's own chat session. */
interface ColumnDraft {
  id: string;
  selection: ModelSelection;
  values: ParamFormValues;
  badInput: ReadonlySet<NumericParamKey>;
  /** why the stored model was replaced, if it was */
  note?: string;
  /** the history loaded with the page (the column's chat session starts from it) */
  initialMessages: ChatUIMessage[];
}

export interface ColumnState extends ColumnDraft {
  limits: ModelLimits;
  form: ParamFormState;
  /** the settings a send would use, when they are valid */
  settings: ColumnSettings | undefined;
  /** why this column cannot send right now */
  blockedReason?: string;
}

const SYNC_DELAY_MS = 400;

async function failure(res: Response | null): Promise<string> {
  return res ? failureMessage(res) : "the server is unreachable";
}

function call(url: string, method: string, body?: unknown, keepalive = false): Promise<Response | null> {
  return fetch(url, {
    method,
    keepalive,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
}

function newDraft(selection: ModelSelection, params: GenerationParams): ColumnDraft {
  return {
    id: generateId(),
    selection,
    values: toFormValues(params),
    badInput: new Set(),
    initialMessages: [],
  };
}

/** A copy of a column's editable settings under a new id, without history. */
function copyDraft(c: ColumnDraft): ColumnDraft {
  return {
    id: generateId(),
    selection: c.selection,
    values: c.values,
    badInput: c.badInput,
    initialMessages: [],
  };
}

function initialDrafts(catalog: Catalog, comparison: ComparisonView | undefined): ColumnDraft[] {
  const fallback = catalog.defaultSelection;
  if (!comparison) {
    const params = defaultParams(findModel(catalog, fallback)?.limits ?? DEFAULT_LIMITS);
    return [newDraft(fallback, params), newDraft(fallback, params)];
  }
  return comparison.columns.map((col) => {
    const stored = { providerId: col.providerId, modelId: col.modelId };
    const available = isSelectable(catalog, stored);
    const providerName = catalog.providers.find((p) => p.id === col.providerId)?.name ?? col.providerId;
    return {
      id: col.id,
      selection: available ? stored : fallback,
      values: toFormValues(col.params),
      badInput: new Set(),
      note: available
        ? undefined
        : `This column used ${col.modelId} (${providerName}), which is not available now.`,
      initialMessages: col.messages,
    };
  });
}

function toState(catalog: Catalog, d: ColumnDraft): ColumnState {
  const limits = findModel(catalog, d.selection)?.limits ?? DEFAULT_LIMITS;
  const form = readParamForm(d.values, d.badInput, limits);
  const blockedReason = !isSelectable(catalog, d.selection)
    ? "Choose an available model"
    : !form.valid
      ? "Fix the invalid parameters first"
      : undefined;
  return {
    ...d,
    limits,
    form,
    blockedReason,
    settings: blockedReason ? undefined : { ...d.selection, params: form.params },
  };
}

const wire = (id: string, s: ColumnSettings) => ({
  id,
  providerId: s.providerId,
  modelId: s.modelId,
  params: s.params,
});

/**
 * A comparison's columns and their settings, kept in step with the server: the comparison is created
 * (POST) on the first edit or the first send, settings edits are saved per column (debounced PATCH),
 * and adding, duplicating, removing and sweeping columns go to the API as they happen.
 */
export function useComparison(
  catalog: Catalog,
  comparison: ComparisonView | undefined,
  onCreated: (id: string) => void,
) {
  const [comparisonId] = useState(() => comparison?.id ?? generateId());
  const [persisted, setPersisted] = useState(Boolean(comparison));
  const [drafts, setDrafts] = useState(() => initialDrafts(catalog, comparison));
  // Derived per draft and cached by identity, so that editing one column re-renders only that column.
  const derived = useRef(new WeakMap<ColumnDraft, ColumnState>());
  const columns = useMemo(
    () =>
      drafts.map((d) => {
        let state = derived.current.get(d);
        if (!state) {
          state = toState(catalog, d);
          derived.current.set(d, state);
        }
        return state;
      }),
    [catalog, drafts],
  );

  // Async work (timers, API calls) reads the latest state through refs.
  const latest = useRef({ columns, persisted });
  useEffect(() => {
    latest.current = { columns, persisted };
  });
  const creating = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(new Set<string>());
  const timer = useRef<number | undefined>(undefined);
  const latestOnCreated = useRef(onCreated);
  useEffect(() => {
    latestOnCreated.current = onCreated;
  });

  // A new comparison starts from the settings of the last send, like a new chat (not an edit: nothing is saved).
  useEffect(() => {
    if (comparison) return;
    const saved = loadLastSettings(catalog);
    if (!saved) return;
    setDrafts((all) =>
      all.map((d) => ({ ...d, selection: saved.selection, values: toFormValues(saved.params) })),
    );
  }, [catalog, comparison]);

  const url = `/api/comparisons/${encodeURIComponent(comparisonId)}`;

  /** Create the comparison on the server if it is not there yet; false when that is impossible now. */
  const ensurePersisted = useCallback((): Promise<boolean> => {
    if (latest.current.persisted) return Promise.resolve(true);
    if (creating.current) return creating.current;
    const cols = latest.current.columns;
    if (cols.some((c) => !c.settings)) return Promise.resolve(false);
    creating.current = (async () => {
      const res = await call("/api/comparisons", "POST", {
        id: comparisonId,
        columns: cols.map((c) => wire(c.id, c.settings as ColumnSettings)),
      });
      creating.current = null;
      if (!res?.ok) {
        toast.error(`Could not save the comparison: ${await failure(res)}`);
        return false;
      }
      latest.current = { ...latest.current, persisted: true };
      setPersisted(true);
      for (const c of cols) dirty.current.delete(c.id);
      latestOnCreated.current(comparisonId);
      return true;
    })();
    return creating.current;
  }, [comparisonId]);

  /** Save every edited column whose settings are valid (invalid ones wait for the next edit). */
  const save = useCallback(
    async (keepalive: boolean) => {
      if (dirty.current.size === 0) return;
      if (!latest.current.persisted) {
        if (keepalive) return;
        await ensurePersisted();
      }
      for (const id of [...dirty.current]) {
        const col = latest.current.columns.find((c) => c.id === id);
        if (!col?.settings) continue;
        dirty.current.delete(id);
        const res = await call(`${url}/columns/${encodeURIComponent(id)}`, "PATCH", col.settings, keepalive);
        if (res && !res.ok && res.status !== 404)
          toast.error(`Could not save column settings: ${await failure(res)}`);
      }
    },
    [ensurePersisted, url],
  );

  // One save at a time: two in flight could send a column's PATCHes out of order, and the server would keep
  // the older settings. The page's last save (keepalive, on pagehide) cannot wait: it goes at once.
  const saving = useRef<Promise<void>>(Promise.resolve());
  const flush = useCallback(
    (keepalive = false) => {
      window.clearTimeout(timer.current);
      if (keepalive) return save(true);
      const next = saving.current.then(() => save(false));
      saving.current = next.catch(() => {});
      return next;
    },
    [save],
  );

  const markDirty = useCallback(
    (id: string) => {
      dirty.current.add(id);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), SYNC_DELAY_MS);
    },
    [flush],
  );

  // Leaving the page saves what the debounce has not saved yet.
  useEffect(() => {
    const onHide = () => void flush(true);
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.clearTimeout(timer.current);
    };
  }, [flush]);

  const updateDraft = useCallback(
    (id: string, change: (d: ColumnDraft) => ColumnDraft) => {
      setDrafts((all) => all.map((d) => (d.id === id ? change(d) : d)));
      markDirty(id);
    },
    [markDirty],
  );

  const changeParam = useCallback(
    (id: string, field: ParamField, value: string, bad = false) =>
      updateDraft(id, (d) => {
        let badInput = d.badInput;
        if ((NUMERIC_PARAM_KEYS as readonly string[]).includes(field)) {
          const key = field as NumericParamKey;
          if (d.badInput.has(key) !== bad) {
            const next = new Set(d.badInput);
            if (bad) next.add(key);
            else next.delete(key);
            badInput = next;
          }
        }
        return { ...d, values: { ...d.values, [field]: value }, badInput };
      }),
    [updateDraft],
  );

  /** Replace a column's parameters (a preset). */
  const applyParams = useCallback(
    (id: string, params: GenerationParams) =>
      updateDraft(id, (d) => ({ ...d, values: toFormValues(params), badInput: new Set() })),
    [updateDraft],
  );

  const changeSelection = useCallback(
    (id: string, selection: ModelSelection) => updateDraft(id, (d) => ({ ...d, selection, note: undefined })),
    [updateDraft],
  );

  /** Append a column with the settings of `sourceId` (default: column 1). */
  const addColumn = useCallback(
    async (sourceId?: string) => {
      if (creating.current) await creating.current;
      const cols = latest.current.columns;
      if (cols.length >= MAX_COLUMNS) return;
      const source = cols.find((c) => c.id === sourceId) ?? cols[0];
      if (!source) return;
      const draft = copyDraft(source);
      if (latest.current.persisted) {
        const fallbackSelection = catalog.defaultSelection;
        const s = source.settings ?? { ...fallbackSelection, params: defaultParams() };
        const res = await call(`${url}/columns`, "POST", wire(draft.id, s));
        if (!res?.ok) {
          toast.error(`Could not add a column: ${await failure(res)}`);
          return;
        }
        if (!source.settings) dirty.current.add(draft.id);
      }
      setDrafts((all) => [...all, draft]);
      // Not saved yet: adding a column is an edit, which creates the comparison.
      if (!latest.current.persisted) markDirty(draft.id);
    },
    [catalog, markDirty, url],
  );

  const removeColumn = useCallback(
    async (id: string) => {
      if (creating.current) await creating.current;
      if (latest.current.columns.length <= MIN_COLUMNS) return;
      if (latest.current.persisted) {
        const res = await call(`${url}/columns/${encodeURIComponent(id)}`, "DELETE");
        if (!res?.ok && res?.status !== 404) {
          toast.error(`Could not remove the column: ${await failure(res)}`);
          return;
        }
      }
      dirty.current.delete(id);
      setDrafts((all) => all.filter((d) => d.id !== id));
    },
    [url],
  );

  /**
   * One column per value, everything else equal to column 1. Columns without history are rewritten in
   * place; a comparison that already has answers is left as it is and the sweep becomes a new comparison
   * (its id is returned), so no column mixes histories produced with different settings.
   */
  const applySweep = useCallback(
    async (key: SweepKey, values: number[], hasHistory: boolean): Promise<string | undefined> => {
      if (creating.current) await creating.current;
      const cols = latest.current.columns;
      const base = cols[0];
      if (!base?.settings) return undefined;
      const selection = { providerId: base.settings.providerId, modelId: base.settings.modelId };
      const params = sweepParams(base.settings.params, key, values);

      if (hasHistory) {
        const id = generateId();
        const res = await call("/api/comparisons", "POST", {
          id,
          columns: params.map((p) => ({ ...selection, params: p })),
        });
        if (!res?.ok) {
          toast.error(`Could not create the sweep: ${await failure(res)}`);
          return undefined;
        }
        return id;
      }

      // Existing columns keep their ids (and their empty histories); missing ones are new.
      const next: ColumnDraft[] = params.map((p, i) => {
        const existing = cols[i];
        return existing
          ? { id: existing.id, selection, values: toFormValues(p), badInput: new Set(), initialMessages: [] }
          : newDraft(selection, p);
      });
      if (latest.current.persisted) {
        const removals = cols.slice(next.length);
        const results = await Promise.all([
          ...removals.map((c) => call(`${url}/columns/${encodeURIComponent(c.id)}`, "DELETE")),
          ...next.slice(0, cols.length).map((d, i) =>
            call(`${url}/columns/${encodeURIComponent(d.id)}`, "PATCH", {
              ...selection,
              params: params[i],
            }),
          ),
        ]);
        // New columns go last and in order (the server appends), after the removals.
        for (const [i, d] of next.entries()) {
          if (i >= cols.length)
            results.push(await call(`${url}/columns`, "POST", { ...selection, id: d.id, params: params[i] }));
        }
        const failed = results.find((r) => !r?.ok);
        if (failed !== undefined) toast.error(`The sweep was not fully saved: ${await failure(failed)}`);
      }
      for (const c of cols.slice(next.length)) dirty.current.delete(c.id);
      setDrafts(next);
      // Unsaved yet: the sweep is the first edit, which creates the comparison with these columns.
      if (!latest.current.persisted) for (const d of next) markDirty(d.id);
      return undefined;
    },
    [markDirty, url],
  );

  return {
    comparisonId,
    persisted,
    columns,
    ensurePersisted,
    changeParam,
    applyParams,
    changeSelection,
    addColumn,
    removeColumn,
    applySweep,
  };
}
