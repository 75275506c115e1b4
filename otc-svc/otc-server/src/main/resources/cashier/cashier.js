/* The buyer's cashier page: one order, found by the token in ?o=, polled every few seconds. No dependencies. */
(function () {
  "use strict";
  var POLL_MS = 3000;
  var TEXT = {
    "en": {
      docTitle: "Payment", loading: "Loading…", retry: "Connection problem, retrying…",
      title: "Pay exactly", exact: "Pay this exact amount, including the highlighted decimals: it identifies your payment.",
      channel: "Pay with", payee: "Payee", account: "Account", bank: "Bank", timeLeft: "Time left",
      waiting: "Waiting for your payment…", review: "This payment is being reviewed. Keep your payment receipt.",
      paid: "Payment received", paidText: "Thank you. The merchant has been told.", back: "Back to the shop",
      expired: "This payment has expired", cancelled: "This payment was cancelled",
      expiredText: "Do not pay now. If you already paid, contact the merchant with the order number.",
      missing: "Payment not found", missingText: "Check the link you were given, or ask the merchant for a new one.",
      orderNo: "Order: ", ALIPAY: "Alipay", WECHAT: "WeChat Pay", BANK: "Bank transfer"
    },
    "zh-CN": {
      docTitle: "付款", loading: "加载中…", retry: "网络异常，正在重试…",
      title: "请支付", exact: "请按此金额付款，包括高亮的小数部分：它用于识别您的付款。",
      channel: "付款方式", payee: "收款人", account: "收款账号", bank: "开户行", timeLeft: "剩余时间",
      waiting: "等待付款…", review: "订单正在审核中，请保留付款凭证。",
      paid: "付款成功", paidText: "谢谢，已通知商户。", back: "返回商户",
      expired: "订单已过期", cancelled: "订单已取消",
      expiredText: "请勿再付款。如已付款，请凭订单号联系商户。",
      missing: "找不到该订单", missingText: "请检查付款链接是否完整，或向商户重新获取。",
      orderNo: "订单号：", ALIPAY: "支付宝", WECHAT: "微信支付", BANK: "银行转账"
    }
  };
  var params = new URLSearchParams(location.search);
  var token = params.get("o") || "";
  var lang = pickLanguage([params.get("lang")].concat(navigator.languages || [], navigator.language || []));
  var t = TEXT[lang];
  var skewMs = 0;      // server clock minus local clock, from the last answer
  var order = null;
  var finished = false;

  function pickLanguage(candidates) {
    for (var i = 0; i < candidates.length; i++) {
      var c = String(candidates[i] || "").toLowerCase();
      if (c.indexOf("zh") === 0) { return "zh-CN"; }
      if (c.indexOf("en") === 0) { return "en"; }
    }
    return "en";
  }
  function $(id) { return document.getElementById(id); }
  function show(id) {
    ["loading", "pay", "done", "expired", "missing"].forEach(function (s) { $(s).hidden = s !== id; });
  }
  function translate() {
    document.documentElement.lang = lang;
    document.title = t.docTitle;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t[el.getAttribute("data-i18n")]; });
    document.querySelectorAll("[data-lang]").forEach(function (a) {
      var p = new URLSearchParams(location.search);
      p.set("lang", a.getAttribute("data-lang"));
      a.href = "?" + p.toString();
    });
  }
  function secondsLeft() {
    return Math.max(0, Math.floor((Date.parse(order.expiresAt) - (Date.now() + skewMs)) / 1000));
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    if (!order || finished) { return; }
    var left = secondsLeft();
    var h = Math.floor(left / 3600), m = Math.floor(left / 60) % 60, s = left % 60;
    $("countdown").textContent = (h > 0 ? h + ":" + two(m) : two(m)) + ":" + two(s);
    if (order.status === "CREATED" && left === 0) {
      // time is up: tell the buyer not to pay, but keep polling - a payment made just in time still shows as paid
      closed("expired");
    }
  }
  function closed(titleKey) {
    $("expired-title").textContent = t[titleKey];
    show("expired");
  }
  function render(o) {
    order = o;
    var amount = String(o.payableAmount);
    var dot = amount.indexOf(".");
    $("amount-int").textContent = dot < 0 ? amount : amount.substring(0, dot + 1);
    $("amount-dec").textContent = dot < 0 ? "" : amount.substring(dot + 1);
    $("currency").textContent = o.fiatCurrency;
    $("channel").textContent = t[o.channel] || o.channel;
    $("payee-name").textContent = o.payeeName || "";
    $("payee-account").textContent = o.payeeAccount || "";
    $("bank-label").hidden = $("bank-name").hidden = !o.bankName;
    $("bank-name").textContent = o.bankName || "";
    // the link changes on every answer (it carries its own expiry): load the image once
    if (o.qrUrl && !$("qr").getAttribute("src")) {
      $("qr").src = o.qrUrl;
      $("qr").alt = t[o.channel] || o.channel;
      $("qr").hidden = false;
    }
    document.querySelectorAll(".order-ref").forEach(function (el) { el.textContent = t.orderNo + o.orderNo; });
    if (o.returnUrl && /^https?:\/\//i.test(o.returnUrl)) {
      $("back").href = o.returnUrl;
      $("back").hidden = false;
    }
    if (o.status === "PAID" || o.status === "COMPLETED") {
      finished = true;
      show("done");
    } else if (o.status === "EXPIRED" || o.status === "CANCELLED") {
      finished = true;
      closed(o.status === "EXPIRED" ? "expired" : "cancelled");
    } else {
      var review = o.status === "APPEAL";
      $("status-text").textContent = review ? t.review : t.waiting;
      $("countdown-line").hidden = review;
      show("pay");
      tick();
    }
  }
  function load() {
    fetch("/cashier/api/orders/" + encodeURIComponent(token), { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) {
        return r.json().then(function (body) { return { status: r.status, body: body }; });
      })
      .then(function (r) {
        if (r.status === 404) {
          finished = true;
          show("missing");
        } else if (r.body && r.body.code === 0 && r.body.data) {
          skewMs = Date.parse(r.body.data.serverTime) - Date.now();
          $("retry").hidden = true;
          render(r.body.data);
        } else {
          $("retry").hidden = false; // busy or down: the next poll tries again
        }
      })
      .catch(function () { $("retry").hidden = false; })
      .then(function () {
        if (!finished) { setTimeout(load, POLL_MS); }
      });
  }

  translate();
  if (!/^[A-Za-z0-9_-]{16,40}$/.test(token)) {
    show("missing");
    return;
  }
  load();
  setInterval(tick, 1000);
})();
