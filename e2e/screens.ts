// What every screen must do for everyone (issue 12): fit a 390 px phone without sideways scrolling and
// pass axe-core with no serious or critical violation. Used by 11-screens.spec.ts on every page.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };

/** The page's scroll width against the viewport's: wider means a phone lets you scroll sideways. */
export async function pageWidth(
  page: Page,
): Promise<{ scrollWidth: number; viewport: number; widest: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = (el: Element) => el.getBoundingClientRect().right > width + 1;
    // Whatever a scroll container holds may be wider than the screen: only the container counts.
    const clipped = (el: Element) => {
      // An absolutely positioned element escapes scroll containers that are not positioned: report it.
      if (getComputedStyle(el).position === "absolute") return false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    // The culprits, for the failure message: elements past the right edge inside a parent that is not.
    const widest = [...document.querySelectorAll("body *")]
      .filter((el) => past(el) && !clipped(el) && !(el.parentElement && past(el.parentElement)))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} "${(el.textContent ?? "").slice(0, 40)}"`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, widest };
  });
}

/** Serious and critical axe violations, one line each with the first offending elements. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map(
            (n) =>
              `${n.target.join(" ")}${n.failureSummary ? ` [${n.failureSummary.split("\n").slice(1).join(" ").trim()}]` : ""}`,
          )
          .join("; ")}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ""}`,
    );
}

/**
 * Opens every disclosure (so axe also judges what is folded away), then asserts the page fits the
 * viewport and has no serious or critical violation. Soft assertions: one run lists every page at fault.
 */
export async function expectUsableScreen(page: Page, label: string) {
  await page.evaluate(async () => {
    document.querySelectorAll("details").forEach((d) => (d.open = true));
    // Two frames: layout, and whatever the page's resize observers change in response.
    for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
  });
  const { scrollWidth, viewport, widest } = await pageWidth(page);
  expect
    .soft(scrollWidth, `${label}: ${scrollWidth}px wide on a ${viewport}px screen: ${widest.join(" | ")}`)
    .toBeLessThanOrEqual(viewport);
  expect.soft(await seriousViolations(page), `${label}: axe`).toEqual([]);
}
