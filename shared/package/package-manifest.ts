/**
 * `datapackage.json`, the manifest of a submission package (DESIGN.md section 5): a
 * Frictionless Data Package (tabular resources with their Table Schema, bytes and hash) plus an
 * `x-submission` block with the submission's facts and the SHA-256 and SM3 of every other file.
 * The schema is what `verify` reads a package's manifest with (a file from outside is a trust
 * boundary); the writer builds the same types.
 */
import { z } from 'zod';

/** The version of the `x-submission` block this build writes and reads. */
export const submissionFormat = 'steward-package/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const localized = z.object({ zh: z.string(), en: z.string() }).strict();
const counts = z.object({ errors: z.number().int(), warnings: z.number().int() }).strict();

/** A Table Schema field, with the pack's extensions under `x-` names. */
export const tableFieldSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string().optional(),
    type: z.enum(['string', 'integer', 'number', 'date']),
    format: z.literal('default').optional(),
    constraints: z
      .object({
        required: z.boolean().optional(),
        unique: z.boolean().optional(),
        minLength: z.number().int().optional(),
        maxLength: z.number().int().optional(),
        pattern: z.string().optional(),
        enum: z.array(z.string()).optional(),
        minimum: z.number().optional(),
        maximum: z.number().optional(),
      })
      .strict()
      .optional(),
    'x-format': z.string().optional(),
    'x-unit': z.string().optional(),
    'x-codeTable': z.object({ name: z.string(), title: z.string() }).strict().optional(),
    'x-classification': z
      .object({
        sharing: z.string(),
        opening: z.string(),
        personal: z.string(),
        mask: z.string(),
      })
      .strict()
      .optional(),
    'x-mask': z.string().optional(),
  })
  .strict();

/** A Frictionless Table Schema. */
export const tableSchemaSchema = z
  .object({
    fields: z.array(tableFieldSchema),
    primaryKey: z.array(z.string()).optional(),
    missingValues: z.array(z.string()),
  })
  .strict();

/** A tabular data resource: a CSV file in the zip. */
export const resourceSchema = z
  .object({
    name: z.string(),
    title: z.string().optional(),
    path: z.string(),
    profile: z.literal('tabular-data-resource'),
    format: z.literal('csv'),
    mediatype: z.literal('text/csv'),
    encoding: z.literal('utf-8'),
    bytes: z.number().int().nonnegative(),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    dialect: z
      .object({
        delimiter: z.literal(','),
        lineTerminator: z.literal('\r\n'),
        quoteChar: z.literal('"'),
        doubleQuote: z.literal(true),
        header: z.literal(true),
      })
      .strict(),
    schema: tableSchemaSchema,
  })
  .strict();

/** One file of the package with its size and checksums. */
export const packageFileSchema = z
  .object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: hex64, sm3: hex64 })
  .strict();

/** An exemption the package relies on: who allowed which blocking issues, and why. */
export const packageExemptionSchema = z
  .object({
    operationId: z.number().int(),
    rule: z.string(),
    field: z.string().optional(),
    /** The record it is limited to: its id in the project, and its row in the data file. */
    rid: z.number().int().optional(),
    row: z.number().int().optional(),
    reason: z.string(),
    reviewer: z.string(),
    /** How many error-severity issues of the packaged records it covers. */
    issues: z.number().int(),
  })
  .strict();

/** What the package did with one field. */
export const packageFieldSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    sharing: z.string(),
    opening: z.string(),
    personal: z.string(),
    action: z.enum(['keep', 'mask', 'drop']),
    mask: z.string().optional(),
    note: localized,
  })
  .strict();

/**
 * Who signed the package (issue #15): the office, the SM3 fingerprint of its public key, the
 * algorithm and user id, and when. Inside the manifest, so the signature covers these facts too;
 * the signature itself is `datapackage.json.sig` (DER) beside the manifest.
 */
export const signerSchema = z
  .object({
    office: z.string(),
    fingerprint: hex64,
    algorithm: z.literal('SM2-SM3'),
    userId: z.string(),
    signed: z.string(),
  })
  .strict();

/** The `x-submission` block. */
export const submissionSchema = z
  .object({
    format: z.literal(submissionFormat),
    standard: z
      .object({ id: z.string(), title: z.string(), version: z.string(), sha256: hex64 })
      .strict(),
    dataset: z.object({ name: z.string(), title: z.string() }).strict(),
    division: z.object({ code: z.string(), name: z.string().optional() }).strict(),
    department: z.string(),
    provider: z.string(),
    steward: z.string(),
    reviewer: z.string(),
    period: z.string(),
    kind: z.enum(['共享', '开放']),
    created: z.string(),
    tool: z.object({ name: z.string(), version: z.string() }).strict(),
    policy: z.object({ onError: z.enum(['block', 'exclude']) }).strict(),
    rows: z
      .object({
        /** Records in the project (imports in force). */
        project: z.number().int(),
        /** Records in the data file. */
        packaged: z.number().int(),
        excludedByUser: z.number().int(),
        excludedByPolicy: z.number().int(),
      })
      .strict(),
    /** Issues of the packaged records (reports/validation.json lists each one). */
    issues: z
      .object({
        errors: z.number().int(),
        warnings: z.number().int(),
        rowsWithErrors: z.number().int(),
        exemptedErrors: z.number().int(),
        byRule: z.record(z.string(), counts),
      })
      .strict(),
    exemptions: z.array(packageExemptionSchema),
    /** Records left out because of errors (policy `exclude`), by the rules that caused it. */
    excludedByRule: z.record(z.string(), z.number().int()),
    fields: z.array(packageFieldSchema),
    files: z.array(packageFileSchema),
    signer: signerSchema.optional(),
    /** 增量 for an incremental package (issue #15); absent in a full package (全量). */
    mode: z.literal('增量').optional(),
    /** The package an incremental one follows: the SHA-256 of its manifest. */
    base: z.object({ sha256: hex64 }).strict().optional(),
    /** What an incremental package holds against its base. */
    changes: z
      .object({
        added: z.number().int(),
        changed: z.number().int(),
        removed: z.number().int(),
        unchanged: z.number().int(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The whole `datapackage.json`. */
export const manifestSchema = z
  .object({
    profile: z.literal('tabular-data-package'),
    name: z.string().regex(/^[-a-z0-9._/]+$/),
    title: z.string(),
    created: z.string(),
    resources: z.array(resourceSchema).min(1),
    'x-submission': submissionSchema,
  })
  .strict();

/** A Table Schema field. */
export type TableField = z.infer<typeof tableFieldSchema>;
/** A Table Schema. */
export type TableSchema = z.infer<typeof tableSchemaSchema>;
/** A tabular resource of the manifest. */
export type PackageResource = z.infer<typeof resourceSchema>;
/** One file's size and checksums. */
export type PackageFile = z.infer<typeof packageFileSchema>;
/** An exemption as the manifest records it. */
export type PackageExemption = z.infer<typeof packageExemptionSchema>;
/** What the package did with a field. */
export type PackageField = z.infer<typeof packageFieldSchema>;
/** The signer facts of a signed package. */
export type Signer = z.infer<typeof signerSchema>;
/** The `x-submission` block. */
export type Submission = z.infer<typeof submissionSchema>;
/** The manifest, `datapackage.json`. */
export type PackageManifest = z.infer<typeof manifestSchema>;

/** The CSV dialect every table of a package is written in. */
export const csvDialect: PackageResource['dialect'] = {
  delimiter: ',',
  lineTerminator: '\r\n',
  quoteChar: '"',
  doubleQuote: true,
  header: true,
};

/**
 * The zip comment that seals the manifest: its SHA-256 and SM3. The manifest holds the checksums
 * of every other file, so a change anywhere shows, including in the manifest itself.
 */
export function serializeSeal(sha256: string, sm3: string): string {
  return `steward-seal/1 datapackage.json sha256:${sha256} sm3:${sm3}`;
}

/** Reads a seal written by serializeSeal, or undefined. */
export function parseSeal(comment: string): { sha256: string; sm3: string } | undefined {
  const match = /^steward-seal\/1 datapackage\.json sha256:([0-9a-f]{64}) sm3:([0-9a-f]{64})$/.exec(
    comment,
  );
  return match === null ? undefined : { sha256: match[1] as string, sm3: match[2] as string };
}
