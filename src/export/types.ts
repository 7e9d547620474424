/** A file an exporter produces, named relative to the export folder. */
export interface ExportFile {
  name: string;
  content: string;
}

/** The export flags that are not about the formation itself. */
export interface ExportOptions {
  /** The app's name: unit, object and project names start with it. */
  app: string;
  /** systemd's `User=` (`-u`); left out when not given. */
  user: string | undefined;
  /** The container image (Kubernetes needs one; compose builds the root without one). */
  image: string | undefined;
  /** The types that listen on `$PORT`: they get a Service (Kubernetes) or published ports (compose). */
  services: readonly string[];
}
