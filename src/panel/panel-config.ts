/** The panel's part of Herald's configuration (read and validated in src/app/panel-config.ts). */
export interface PanelConfig {
  /** The operator's secret, typed into the login form. */
  token: string;
  /**
   * The origin the browser uses (behind a reverse proxy); form posts from any other origin
   * are refused. Unset: the origin of the request's own Host header.
   */
  publicOrigin?: string;
  /** A session lasts this long after login. */
  sessionMs: number;
}
