// The documents page: each file of a form is sent on its own request with a progress bar, files can
// be dropped on a folder, and images and PDF open in the page. Without this script the forms post.
(() => {
  const lang = document.documentElement.lang;
  const say = (fr, en) => (lang === "fr" ? fr : en);

  function sendOne(form, file, list) {
    const item = document.createElement("li");
    const label = document.createElement("span");
    label.textContent = `${file.name} `;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    const status = document.createElement("span");
    item.append(label, bar, status);
    list.append(item);
    if (file.size >= TUS_FROM && window.tus && form.dataset.tus)
      return sendResumable(form, file, bar, status, item);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("accept", "application/json");
      xhr.setRequestHeader("x-csrf-token", form.dataset.csrf);
      xhr.upload.addEventListener("progress", (e) => {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.addEventListener("load", () => {
        let answer;
        try {
          answer = JSON.parse(xhr.responseText);
        } catch {
          answer = {};
        }
        const result = answer.files?.[0];
        const ok = xhr.status === 201 && result?.ok;
        bar.value = ok ? 100 : bar.value;
        status.textContent = ok
          ? ` ${say("déposé", "uploaded")}`
          : ` ${result?.error ?? answer.error?.message ?? xhr.status}`;
        item.className = ok ? "done" : "error";
        resolve(ok);
      });
      xhr.addEventListener("error", () => {
        status.textContent = ` ${say("connexion interrompue", "connection lost")}`;
        item.className = "error";
        resolve(false);
      });
      const body = new FormData();
      body.append("files", file, file.name);
      xhr.send(body);
    });
  }

  // Large files go through tus in chunks: a cut connection resumes from the last byte received.
  const TUS_FROM = 8 * 1024 * 1024;
  function sendResumable(form, file, bar, status, item) {
    return new Promise((resolve) => {
      const upload = new window.tus.Upload(file, {
        endpoint: form.dataset.tus,
        chunkSize: 5 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        removeFingerprintOnSuccess: true,
        headers: { "x-csrf-token": form.dataset.csrf },
        metadata: { filename: file.name, filetype: file.type },
        onProgress: (sent, total) => {
          bar.value = Math.floor((sent / total) * 100);
        },
        onShouldRetry: (error, attempt, options) => {
          const code = error.originalResponse ? error.originalResponse.getStatus() : 0;
          if (code === 0)
            status.textContent = ` ${say("connexion interrompue, reprise…", "connection lost, resuming…")}`;
          return (
            (code === 0 || code >= 500 || code === 409 || code === 423) &&
            attempt < options.retryDelays.length
          );
        },
        onSuccess: () => {
          bar.value = 100;
          status.textContent = ` ${say("déposé", "uploaded")}`;
          item.className = "done";
          resolve(true);
        },
        onError: (error) => {
          const body = error.originalResponse?.getBody?.();
          status.textContent = ` ${body || say("connexion interrompue", "connection lost")}`;
          item.className = "error";
          resolve(false);
        },
      });
      upload.findPreviousUploads().then((previous) => {
        if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
    });
  }

  async function sendAll(form, files) {
    const list = form.querySelector(".progress");
    list.replaceChildren();
    form.querySelector(".refresh")?.remove();
    const results = await Promise.all([...files].map((f) => sendOne(form, f, list)));
    // The list is shown again on demand, so the per-file results stay readable.
    const again = document.createElement("a");
    again.href = location.pathname;
    again.className = "refresh";
    again.textContent = results.every(Boolean)
      ? say("Afficher la liste à jour", "Show the updated list")
      : say(
          "Certains fichiers ont été refusés : afficher la liste",
          "Some files were refused: show the list",
        );
    list.after(again);
  }

  for (const form of document.querySelectorAll("form.upload")) {
    const input = form.querySelector("input[type=file]");
    form.querySelector(".drop").hidden = false;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (input.files.length > 0) sendAll(form, input.files);
    });
    form.addEventListener("dragover", (e) => {
      e.preventDefault();
      form.classList.add("over");
    });
    form.addEventListener("dragleave", () => form.classList.remove("over"));
    form.addEventListener("drop", (e) => {
      e.preventDefault();
      form.classList.remove("over");
      if (e.dataTransfer?.files.length) sendAll(form, e.dataTransfer.files);
    });
  }

  const viewer = document.getElementById("viewer");
  for (const link of document.querySelectorAll("a.preview")) {
    link.addEventListener("click", async (e) => {
      if (!viewer) return;
      e.preventDefault();
      const body = viewer.querySelector(".viewer-body");
      body.replaceChildren();
      if (link.dataset.mime === "application/pdf") {
        const canvas = document.createElement("canvas");
        canvas.className = "pdf-page";
        body.append(canvas);
        viewer.showModal();
        const pdfjs = await import("/_assets/pdfjs/pdf.min.mjs");
        pdfjs.GlobalWorkerOptions.workerSrc = "/_assets/pdfjs/pdf.worker.min.mjs";
        const pdf = await pdfjs.getDocument({ url: link.href, isEvalSupported: false }).promise;
        const page = await pdf.getPage(1);
        const viewport = page.getViewport({
          scale: Math.min(1.5, (body.clientWidth || 600) / page.getViewport({ scale: 1 }).width),
        });
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", link.closest("li")?.querySelector("a")?.textContent ?? "PDF");
        await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
        viewer.dataset.rendered = String(pdf.numPages);
      } else {
        const img = document.createElement("img");
        img.src = link.href;
        img.alt = link.closest("li")?.querySelector("a")?.textContent ?? "";
        body.append(img);
        viewer.showModal();
        viewer.dataset.rendered = "1";
      }
    });
  }
})();
