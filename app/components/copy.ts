/**
 * Copies text to the clipboard where the browser allows it (a secure context: https or localhost).
 * On plain http (a laptop on the room's Wi-Fi) there is no clipboard API: `select` marks the text so
 * Ctrl+C copies it, and the caller says so ("Geselecteerd — kopieer met Ctrl+C").
 */
export async function copyOrSelect(text: string, select: () => void): Promise<"copied" | "selected"> {
  try {
    if (!window.isSecureContext || !navigator.clipboard) throw new Error("geen klembord");
    await navigator.clipboard.writeText(text);
    return "copied";
  } catch {
    select();
    return "selected";
  }
}

export const COPY_STATUS = { copied: "Gekopieerd", selected: "Geselecteerd — kopieer met Ctrl+C" } as const;
