// Polls the progress endpoint of every .progress-box until the work is done or failed.
(function () {
  function poll(box) {
    var url = box.getAttribute("data-progress-url");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
      var bar = box.querySelector("progress");
      if (p.total) { bar.max = p.total; }
      bar.value = p.done;
      box.querySelector("[data-progress-status]").textContent = p.status_label;
      box.querySelector("[data-progress-done]").textContent = p.done.toLocaleString();
      var total = box.querySelector("[data-progress-total]");
      if (total && p.total) { total.textContent = p.total.toLocaleString(); }
      box.querySelector("[data-progress-message]").textContent = p.message || "";
      if (p.status === "done" || p.status === "failed") {
        box.dispatchEvent(new CustomEvent("progress:finished", { bubbles: true, detail: p }));
        return;
      }
      setTimeout(function () { poll(box); }, 1000);
    }).catch(function () { setTimeout(function () { poll(box); }, 3000); });
  }
  document.querySelectorAll(".progress-box").forEach(poll);
})();
