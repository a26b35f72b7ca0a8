import { useEffect, useState } from 'react';
import { useDataProvider, useGetOne } from 'react-admin';
import type { PolicyCmsDataProvider } from '../dataProvider/dataProvider';
import { i18nProvider } from '../i18n/ja';

export interface PolicyKindInfo {
  name: string;
  title: string;
  description: string;
  jsonSchema: Record<string, unknown>;
}

let kindsCache: Promise<PolicyKindInfo[]> | null = null;

/** Every policy kind with its JSON Schema; fetched once per page load. null while loading. */
export function usePolicyKinds(): PolicyKindInfo[] | null {
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [kinds, setKinds] = useState<PolicyKindInfo[] | null>(null);
  useEffect(() => {
    let live = true;
    kindsCache ??= dataProvider.policyKinds();
    kindsCache.then(
      (k) => live && setKinds(k),
      () => {
        kindsCache = null;
      },
    );
    return () => {
      live = false;
    };
  }, [dataProvider]);
  return kinds;
}

export interface PolicyInfo {
  id: string;
  key: string;
  kind: string;
  title: string;
  section: string;
}

/** One policy (title, kind) by key. */
export function usePolicy(policyKey: string | null | undefined): PolicyInfo | undefined {
  const { data } = useGetOne<PolicyInfo>('policies', { id: policyKey ?? '' }, { enabled: !!policyKey });
  return data;
}

export interface TimelineSegment {
  id: string;
  number: number;
  effectiveFrom: string;
  effectiveThrough: string | null;
  summary: string;
}

/** The current timeline of a policy (published, painted segments). undefined while loading; [] on error. */
export function useTimeline(policyKey: string | null | undefined): TimelineSegment[] | undefined {
  const dataProvider = useDataProvider<PolicyCmsDataProvider>();
  const [state, setState] = useState<{ key: string; segments: TimelineSegment[] } | null>(null);
  useEffect(() => {
    if (!policyKey) return;
    let live = true;
    dataProvider.timeline(policyKey).then(
      (segments) => live && setState({ key: policyKey, segments: segments as unknown as TimelineSegment[] }),
      () => live && setState({ key: policyKey, segments: [] }),
    );
    return () => {
      live = false;
    };
  }, [dataProvider, policyKey]);
  if (!policyKey) return [];
  return state?.key === policyKey ? state.segments : undefined;
}

/**
 * A version as people name it: 「マイナ一体化の手続可能施設 第3版」 (English: "…, version 3"), never the policy key and
 * '#3'. Falls back to the key while the title is unknown. `translate` defaults to the app's provider, so it also
 * serves react-admin's recordRepresentation, which is not a component.
 */
export function versionName(
  record: { policyTitle?: unknown; policyKey?: unknown; number?: unknown; [field: string]: unknown } | null | undefined,
  translate: (key: string, options?: Record<string, unknown>) => string = (key, options) => i18nProvider.translate(key, options),
): string {
  if (!record) return '';
  const title = record.policyTitle ? String(record.policyTitle) : String(record.policyKey ?? '');
  return translate('versions.name', { title, number: String(record.number ?? '') });
}
