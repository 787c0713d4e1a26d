/**
 * What the readiness check finds in a processing before it starts (and, as warnings, on every save).
 * The same list is the 400 answer of a refused start, so the web app and API clients read one shape.
 */
export const READINESS_CODES = [
  /** The processing has no steps: every event would "succeed" doing nothing. */
  'no_actions',
  /** `{{secrets.X}}` names a secret the workspace does not have. */
  'missing_secret',
  /** A URL still holds a template's placeholder host (`ACCOUNT`, `<id>`, `example`…). */
  'placeholder_host',
  /** A reference to a step key that no step has. */
  'unknown_step',
  /** A reference to a step that runs later (or to the step itself): its output does not exist yet. */
  'later_step',
  /** A reference to an output a step does not give (`{{fetch.bdy}}`, a parser field that is not listed). */
  'unknown_output',
  /** `{{source.X}}` where X is not one of the webhook's declared parameters. */
  'unknown_parameter',
  /** A template whose `{{ }}` syntax does not parse. */
  'invalid_template',
  /** A JSON template that is not JSON. Never saved. */
  'invalid_json',
  /** A step sends e-mail and the server has no SMTP_URL. */
  'mail_not_configured',
] as const;
export type ReadinessCode = (typeof READINESS_CODES)[number];

export interface LocalizedText {
  ru: string;
  en: string;
}

export interface ReadinessProblem {
  code: ReadinessCode;
  /** The step's key, or null for the processing itself and its source. */
  step: string | null;
  /** The step's name as the user sees it. */
  stepName: string | null;
  /** Where in the step (or processing), dotted: `settings.url`, `settings.body.template`, `source.dedup.key`. */
  field: string;
  /** The same place as a path into the saved definition, as validation issues name it: `actions.1.settings.url`. */
  path: string;
  message: LocalizedText;
}

/** Problems that refuse a save outright, not only a start: a definition that cannot even be read back. */
export const SAVE_BLOCKING_CODES: ReadonlySet<ReadinessCode> = new Set<ReadinessCode>(['invalid_json']);

export interface ReadinessReport {
  /** True when nothing stands in the way of starting. */
  ready: boolean;
  problems: ReadinessProblem[];
}
