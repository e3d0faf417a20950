// Progressive enhancement of the sign-up wizard; every step also works without this file.
(() => {
  // ALTCHA: the widget ("external" build) gets its SHA-256 worker from this origin (CSP worker-src 'self').
  if (globalThis.$altcha) {
    for (const algorithm of ["SHA-256", "SHA-384", "SHA-512"]) {
      globalThis.$altcha.algorithms.set(algorithm, () => new Worker("/signup/assets/altcha-sha-worker.js"));
    }
  }

  // New address: live availability of name@domain, with suggestions when it is taken.
  const name = document.getElementById("new-name");
  const domain = document.getElementById("domain");
  const status = document.getElementById("availability");
  const suggestions = document.getElementById("suggestions");
  if (!name || !domain || !status || !suggestions) return;
  let timer;
  let sequence = 0;
  const render = (answer) => {
    status.textContent = answer.message || "";
    status.className = answer.available ? "success" : answer.message ? "error" : "muted";
    suggestions.replaceChildren();
    if (!answer.suggestions || answer.suggestions.length === 0) return;
    const label = document.createElement("p");
    label.textContent = answer.suggestionsLabel;
    const list = document.createElement("ul");
    for (const suggestion of answer.suggestions) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "linkish";
      button.textContent = `${suggestion}@${domain.value}`;
      button.addEventListener("click", () => {
        name.value = suggestion;
        name.focus();
        check();
      });
      item.append(button);
      list.append(item);
    }
    suggestions.append(label, list);
  };
  const check = async () => {
    const value = name.value.trim();
    const mine = ++sequence;
    if (!value) {
      render({ message: "" });
      return;
    }
    const query = new URLSearchParams({ name: value, domain: domain.value });
    try {
      const response = await fetch(`/signup/availability?${query}`, {
        headers: { accept: "application/json" },
      });
      if (!response.ok || mine !== sequence) return;
      render(await response.json());
    } catch {
      // Offline or refused: the server checks again on Suivant.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  };
  name.addEventListener("input", later);
  domain.addEventListener("change", check);
})();
