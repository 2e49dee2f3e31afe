// Keyboard triage for the queue and the article page. No inline scripts: this file
// is the only JavaScript besides htmx, so a strict Content-Security-Policy works.
(function () {
  "use strict";
  const LABEL_KEYS = { 1: "supported", 2: "varied", 3: "erroneous" };
  let selectedId = null;

  function items() {
    return Array.from(document.querySelectorAll("[data-panel-url]"));
  }

  function markSelected() {
    for (const item of items()) {
      item.classList.toggle("selected", item.dataset.claimId === selectedId);
    }
  }

  function select(item) {
    if (!item) return;
    selectedId = item.dataset.claimId;
    markSelected();
    item.scrollIntoView({ block: "nearest" });
    // Leave the old panel's text box, or htmx refocuses the new panel's box of the
    // same id and the next keys (1 2 3, e) are typed into it instead of acting.
    const active = document.activeElement;
    if (active && active.closest && active.closest("#claim-panel")) active.blur();
    htmx.ajax("GET", item.dataset.panelUrl, { target: "#claim-panel", swap: "outerHTML" });
  }

  function move(step) {
    const list = items();
    if (!list.length) return;
    const at = list.findIndex((item) => item.dataset.claimId === selectedId);
    const next = at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step;
    select(list[Math.min(Math.max(next, 0), list.length - 1)]);
  }

  function verdictForm() {
    return document.querySelector("#claim-panel .verdict-form");
  }

  function isTyping(element) {
    if (!element || !element.tagName) return false;
    if (element.isContentEditable || element.tagName === "TEXTAREA" || element.tagName === "SELECT") {
      return true;
    }
    return element.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes(element.type);
  }

  function toggleHelp() {
    const help = document.getElementById("shortcut-help");
    if (!help) return;
    if (help.open) help.close();
    else help.showModal();
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (isTyping(target)) {
      const form = target.closest && target.closest("form");
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && form) {
        event.preventDefault();
        form.requestSubmit();
      } else if (event.key === "Escape") {
        target.blur();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // Enter on a focused claim opens it, as a click would (no eval'd htmx trigger filters).
    if (event.key === "Enter" && target.dataset && target.dataset.panelUrl) {
      event.preventDefault();
      target.click();
      return;
    }
    const form = verdictForm();
    if (event.key === "j") move(1);
    else if (event.key === "k") move(-1);
    else if (LABEL_KEYS[event.key] && form) {
      form.querySelector(`input[name=label][value=${LABEL_KEYS[event.key]}]`).checked = true;
    } else if (event.key === "e" && form) form.querySelector("textarea[name=rationale]").focus();
    else if (event.key === "?") toggleHelp();
    else return;
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const item = event.target.closest && event.target.closest("[data-panel-url]");
    if (item) {
      selectedId = item.dataset.claimId;
      markSelected();
    }
    if (event.target.closest && event.target.closest("[data-shortcut-help]")) toggleHelp();
  });

  // After a verdict is saved, the next claim opens so the checker keeps going.
  document.addEventListener("verdictSaved", function () {
    if (document.querySelector("[data-queue]")) window.setTimeout(() => move(1), 300);
  });

  // The queue refreshes itself every few seconds; keep the selected row marked.
  document.addEventListener("htmx:afterSettle", markSelected);

  // A newly opened claim starts at the top of the side panel, not where the last one was.
  document.addEventListener("htmx:afterSwap", function (event) {
    const panel = document.getElementById("claim-panel");
    const sidebar = panel && panel.closest(".sidebar");
    if (sidebar && event.detail.target && event.detail.target.id === "claim-panel") {
      sidebar.scrollTop = 0;
    }
  });
})();
