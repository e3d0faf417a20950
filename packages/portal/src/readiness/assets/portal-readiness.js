// Live account readiness on the "new contact" form. Progressive enhancement only: without this
// file the form works and the readiness is checked when it is submitted.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("input[data-readiness]");
  const out = document.getElementById("readiness-live");
  if (!input || !out) return;
  let timer;
  let last = "";
  let controller;
  const check = async () => {
    const email = input.value.trim();
    if (email === last || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return;
    last = email;
    controller?.abort();
    controller = new AbortController();
    out.textContent = out.getAttribute("data-checking") || "…";
    try {
      const url = `${input.getAttribute("data-readiness")}?email=${encodeURIComponent(email)}`;
      const response = await fetch(url, {
        headers: { accept: "application/json" },
        signal: controller.signal,
      });
      const body = await response.json();
      out.textContent = body.message || "";
      out.setAttribute("data-kind", body.kind || "");
    } catch (error) {
      if (error.name !== "AbortError") out.textContent = "";
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });
  input.addEventListener("blur", check);
});
