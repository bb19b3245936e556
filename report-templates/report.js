// abilint HTML report: filtering and sorting of the findings table. Reads only data-* attributes
// and text; writes only textContent, attributes and element order. Works with no findings.
(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr.finding"));
  var shown = document.getElementById("shown");
  var noneShown = document.getElementById("none-shown");
  var form = document.getElementById("filters");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var text = document.getElementById("filter-text");

  if (rows.length > 0) { form.hidden = false; }

  selects.forEach(function (select) {
    var attr = select.getAttribute("data-attr");
    var seen = {};
    var values = [];
    rows.forEach(function (row) {
      var v = row.getAttribute("data-" + attr) || "";
      if (!Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = 0; values.push(v); }
      seen[v] += 1;
    });
    if (attr === "severity") {
      var order = { error: 0, warning: 1, note: 2 };
      values.sort(function (a, b) { return (order[a] || 9) - (order[b] || 9); });
    } else {
      values.sort();
    }
    values.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v + " (" + seen[v] + ")";
      select.appendChild(option);
    });
    select.addEventListener("change", apply);
  });
  text.addEventListener("input", apply);

  function apply() {
    var needle = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var visible = selects.every(function (select) {
        return select.value === "" || row.getAttribute("data-" + select.getAttribute("data-attr")) === select.value;
      });
      if (visible && needle !== "") {
        visible = row.textContent.toLowerCase().indexOf(needle) >= 0;
      }
      row.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length;
    noneShown.hidden = !(rows.length > 0 && count === 0);
  }

  var buttons = Array.prototype.slice.call(table.querySelectorAll("th button[data-sort]"));
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      var dir = button.getAttribute("data-dir") === "asc" ? "desc" : "asc";
      buttons.forEach(function (b) { b.removeAttribute("data-dir"); });
      button.setAttribute("data-dir", dir);
      var sign = dir === "asc" ? 1 : -1;
      var sorted = rows.slice().sort(function (a, b) {
        var c;
        if (key === "rank") {
          c = Number(b.getAttribute("data-rank")) - Number(a.getAttribute("data-rank"));
        } else {
          var x = a.getAttribute("data-" + key) || "";
          var y = b.getAttribute("data-" + key) || "";
          c = x < y ? -1 : (x > y ? 1 : 0);
        }
        if (c === 0) {
          c = Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
          return c;
        }
        return sign * c;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
}());
