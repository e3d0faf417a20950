// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // "Afficher le mot de passe": a checkbox that toggles the password field named in data-toggle-password.
  for (const box of document.querySelectorAll("input[data-toggle-password]")) {
    const target = document.getElementById(box.getAttribute("data-toggle-password"));
    if (!target) continue;
    box.addEventListener("change", () => {
      target.type = box.checked ? "text" : "password";
    });
  }
});
