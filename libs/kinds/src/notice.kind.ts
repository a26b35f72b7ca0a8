import { z } from 'zod';
import { bodyText, httpsUrl, labelText, listOf } from './content-fields';
import type { PolicyKind } from './policy-kind';

const linkSchema = z.strictObject({
  label: labelText,
  url: httpsUrl,
});

export const noticeSchema = z.strictObject({
  title: labelText,
  body: bodyText.describe('Japanese free text; one paragraph or bullet point per line'),
  links: listOf(linkSchema).optional(),
});

export type NoticeContent = z.infer<typeof noticeSchema>;

export const noticeKind: PolicyKind<NoticeContent> = {
  name: 'notice',
  title: 'お知らせ',
  description: 'Free Japanese text with a title and optional links, for guidance that has no rule structure.',
  schema: noticeSchema,
};
