(function () {
  "use strict";
  var table = document.getElementById("calls");
  var form = document.getElementById("filters");
  if (!table || !form) {
    return;
  }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var rep = document.getElementById("f-rep");
  var type = document.getElementById("f-type");
  var flag = document.getElementById("f-flag");
  var sev = document.getElementById("f-sev");
  var shown = document.getElementById("shown");
  form.hidden = false;

  function flagsOf(row) {
    return (row.getAttribute("data-flags") || "").split(" ").filter(Boolean).map(function (f) {
      var i = f.lastIndexOf(":");
      return { kind: f.slice(0, i), severity: f.slice(i + 1) };
    });
  }

  function matches(row) {
    if (rep.value && row.getAttribute("data-rep") !== rep.value) {
      return false;
    }
    if (type.value && row.getAttribute("data-call-type") !== type.value) {
      return false;
    }
    var flags = flagsOf(row);
    if (flag.value === "none") {
      return flags.length === 0 && !sev.value && !row.classList.contains("failed");
    }
    if (!flag.value && !sev.value) {
      return true;
    }
    return flags.some(function (f) {
      return (!flag.value || f.kind === flag.value) && (!sev.value || f.severity === sev.value);
    });
  }

  function filter() {
    var n = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) {
        n++;
      }
    });
    shown.textContent = n === rows.length ? "Showing all " + n + " calls" : "Showing " + n + " of " + rows.length + " calls";
  }

  function key(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim() : v;
  }

  function sortBy(th, col, dir) {
    var numeric = th.getAttribute("data-type") === "num";
    var sign = dir === "ascending" ? 1 : -1;
    var order = rows.map(function (row, i) {
      return { row: row, i: i, k: numeric ? parseFloat(key(row, col)) : key(row, col) };
    });
    order.sort(function (a, b) {
      var c = numeric ? a.k - b.k : a.k.localeCompare(b.k, undefined, { sensitivity: "base", numeric: true });
      return c !== 0 ? sign * c : a.i - b.i;
    });
    order.forEach(function (o) {
      tbody.appendChild(o.row);
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    var button = th.querySelector("button");
    if (button) {
      button.addEventListener("click", function () {
        sortBy(th, col, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
      });
    }
  });
  [rep, type, flag, sev].forEach(function (el) {
    el.addEventListener("change", filter);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      filter();
      sortBy(table.tHead.rows[0].cells[0], 0, "ascending");
    }, 0);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  filter();
})();
