// Passkey buttons (progressive enhancement: they stay hidden in a browser without WebAuthn).
// A button[data-passkey] sits in a form; a click asks the server for options (a single-use
// challenge), lets the browser create or use a passkey, puts its answer in the form and posts it.
// A page with a field marked autocomplete="… webauthn" also offers its passkeys in that field's
// autofill (conditional mediation) where the browser can; the button stays for the others.
document.addEventListener("DOMContentLoaded", () => {
  const webauthn = window.SimpleWebAuthnBrowser;
  if (!webauthn?.browserSupportsWebAuthn()) return;

  /** Options from the server, the browser's ceremony, then the form posted with its answer. */
  async function ceremony(button, form, autofill) {
    const fields = new URLSearchParams();
    for (const input of form.querySelectorAll("input[type=hidden]")) fields.set(input.name, input.value);
    const answer = await fetch(button.dataset.options, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: fields.toString(),
      credentials: "same-origin",
    });
    if (!answer.ok) throw new Error(`options ${answer.status}`);
    const optionsJSON = await answer.json();
    const result =
      button.dataset.passkey === "register"
        ? await webauthn.startRegistration({ optionsJSON })
        : await webauthn.startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
    form.elements.namedItem("webauthn_challenge").value = optionsJSON.challenge;
    form.elements.namedItem("response").value = JSON.stringify(result);
    form.submit();
  }

  for (const button of document.querySelectorAll("button[data-passkey]")) {
    const form = button.closest("form");
    const error = form?.querySelector("[data-passkey-error]");
    if (!form) continue;
    button.hidden = false;
    for (const hidden of form.querySelectorAll("[data-passkey-hidden]")) hidden.hidden = false;
    button.addEventListener("click", async (event) => {
      event.preventDefault();
      if (error) error.textContent = "";
      button.disabled = true;
      try {
        await ceremony(button, form, false);
      } catch {
        if (error) error.textContent = button.dataset.error ?? "";
        button.disabled = false;
      }
    });
  }

  const signIn = document.querySelector('button[data-passkey="sign-in"]');
  const autofillField = document.querySelector('input[autocomplete~="webauthn"]');
  const signInForm = signIn?.closest("form");
  if (!signIn || !autofillField || !signInForm) return;
  webauthn.browserSupportsWebAuthnAutofill().then((supported) => {
    if (!supported) return;
    // Silent on failure: a click on the button aborts this request, and the button says its own errors.
    ceremony(signIn, signInForm, true).catch(() => {});
  });
});
