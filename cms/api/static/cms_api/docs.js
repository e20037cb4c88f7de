// A small self-hosted reader for the OpenAPI document: every operation with its
// parameters, and a "try it" form that sends GET requests and shows the JSON.
"use strict";

(function () {
  const root = document.getElementById("docs");
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach((c) => node.append(c));
    return node;
  };

  function operation(path, method, op) {
    const section = el("section", { class: "op" });
    section.append(el("h2", {}, el("span", { class: "method" }, method), path));
    if (op.description) section.append(el("p", {}, op.description));
    const params = op.parameters || [];
    const form = el("form");
    if (params.length) {
      const table = el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "schema"), el("th", {}, "description")));
      params.forEach((p) => {
        const schema = p.schema || {};
        const type = schema.type === "array" ? `${schema.items.type}[]` : schema.type;
        const values = (schema.enum || (schema.items && schema.items.enum) || []).join(" | ");
        table.append(el("tr", {}, el("td", {}, p.name + (p.required ? " *" : "")), el("td", {}, `${type || ""} ${values}`), el("td", {}, p.description || "")));
        if (method === "get") {
          form.append(el("label", {}, `${p.in === "path" ? "{" + p.name + "}" : p.name} `, el("input", { name: p.name, "data-in": p.in })));
        }
      });
      section.append(table);
    }
    if (method === "get") {
      const out = el("pre");
      form.append(el("button", { type: "submit" }, "GET"));
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        let url = path;
        const query = new URLSearchParams();
        form.querySelectorAll("input").forEach((input) => {
          if (!input.value) return;
          if (input.dataset.in === "path") url = url.replace(`{${input.name}}`, encodeURIComponent(input.value));
          else input.value.split(",").forEach((v) => query.append(input.name, v.trim()));
        });
        const response = await fetch(url + (query.toString() ? `?${query}` : ""));
        out.textContent = `${response.status}\n` + JSON.stringify(await response.json().catch(() => null), null, 2);
      });
      section.append(form, out);
    }
    return section;
  }

  fetch(root.dataset.schemaUrl, { headers: { Accept: "application/json" } })
    .then((r) => r.json())
    .then((doc) => {
      root.replaceChildren(el("p", {}, doc.info.title + " " + doc.info.version));
      Object.entries(doc.paths).forEach(([path, methods]) => {
        Object.entries(methods).forEach(([method, op]) => root.append(operation(path, method, op)));
      });
    })
    .catch((error) => { root.textContent = String(error); });
})();
