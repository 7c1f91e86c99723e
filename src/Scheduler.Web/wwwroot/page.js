// The page's own script, small and optional: everything works without it.
// "/" focuses the search box, as on many sites, unless the reader is typing somewhere already.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const box = document.getElementById("q");
  if (!box) return;
  event.preventDefault();
  box.focus();
  box.select();
});

// Every instant is written in UTC or the task's zone; on hover it also shows in the reader's own zone.
const local = new Intl.DateTimeFormat(undefined, {
  weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
});
function localize(root) {
  for (const time of root.querySelectorAll("time[datetime]")) {
    const instant = new Date(time.getAttribute("datetime"));
    if (Number.isNaN(instant.getTime())) continue;
    const utc = time.getAttribute("datetime");
    time.title = `${utc} · your time: ${local.format(instant)}`;
  }
}
document.addEventListener("DOMContentLoaded", () => localize(document));
document.addEventListener("htmx:load", (event) => localize(event.detail.elt.parentElement ?? document));
