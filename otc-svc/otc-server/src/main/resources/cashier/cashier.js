(function () {
  "use strict";
  var TEXT = {
    "en": {
      loading: "Loading…", title: "Pay exactly", exact: "Pay this exact amount, including the highlighted decimals: it identifies your payment.",
      channel: "Pay with", payee: "Payee", account: "Account", bank: "Bank", timeLeft: "Time left", waiting: "Waiting for your payment…",
      paid: "Payment received", paidText: "Thank you. The merchant has been told.", back: "Back to the shop",
      expired: "This payment has expired", expiredText: "Do not pay now. If you already paid, contact the merchant with the order number.",
      missing: "Payment not found", ALIPAY: "Alipay", WECHAT: "WeChat Pay", BANK: "Bank transfer", orderNo: "Order"
    },
    "zh-CN": {
      loading: "加载中…", title: "请支付", exact: "请按此金额付款，包括高亮的小数部分：它用于识别您的付款。",
      channel: "付款方式", payee: "收款人", account: "收款账号", bank: "开户行", timeLeft: "剩余时间", waiting: "等待付款…",
      paid: "付款成功", paidText: "谢谢，已通知商户。", back: "返回商户",
      expired: "订单已过期", expiredText: "请勿再付款。如已付款，请凭订单号联系商户。",
      missing: "找不到该订单", ALIPAY: "支付宝", WECHAT: "微信支付", BANK: "银行转账", orderNo: "订单号"
    }
  };
  var params = new URLSearchParams(location.search);
  var token = params.get("o") || "";
  var lang = params.get("lang") || ((navigator.language || "").toLowerCase().indexOf("zh") === 0 ? "zh-CN" : "en");
  if (!TEXT[lang]) { lang = "en"; }
  var t = TEXT[lang];
  var skewMs = 0;
  var order = null;
  var pollTimer = null;

  function $(id) { return document.getElementById(id); }
  function show(id) {
    ["loading", "pay", "done", "expired", "missing"].forEach(function (s) { $(s).hidden = s !== id; });
  }
  function translate() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(function (el) { el.textContent = t[el.getAttribute("data-i18n")]; });
    document.querySelectorAll("[data-lang]").forEach(function (a) {
      var p = new URLSearchParams(location.search); p.set("lang", a.getAttribute("data-lang")); a.href = "?" + p.toString();
    });
  }
  function render(o) {
    order = o;
    var amount = String(o.payableAmount);
    var dot = amount.indexOf(".");
    $("amount-int").textContent = dot < 0 ? amount : amount.substring(0, dot + 1);
    $("amount-dec").textContent = dot < 0 ? "" : amount.substring(dot + 1);
    $("currency").textContent = o.fiatCurrency;
    $("channel").textContent = t[o.channel] || o.channel;
    $("payee-name").textContent = o.payeeName;
    $("payee-account").textContent = o.payeeAccount;
    $("bank-label").hidden = $("bank-name").hidden = !o.bankName;
    $("bank-name").textContent = o.bankName || "";
    if (o.qrUrl) { $("qr").src = o.qrUrl; $("qr").alt = t[o.channel] || o.channel; $("qr").hidden = false; }
    $("order-ref").textContent = t.orderNo + ": " + o.orderNo;
    if (o.returnUrl) { $("back").href = o.returnUrl; $("back").hidden = false; }
    if (o.status === "CREATED" || o.status === "APPEAL") { show("pay"); tick(); }
    else if (o.status === "PAID" || o.status === "COMPLETED") { stop(); show("done"); }
    else { stop(); show("expired"); }
  }
  function tick() {
    if (!order) { return; }
    var left = Math.max(0, Date.parse(order.expiresAt) - (Date.now() + skewMs));
    var m = Math.floor(left / 60000), s = Math.floor(left / 1000) % 60;
    $("countdown").textContent = (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }
  function stop() { if (pollTimer) { clearInterval(pollTimer); pollTimer = null; } }
  function load() {
    return fetch("api/orders/" + encodeURIComponent(token), { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { return r.json().then(function (body) { return { status: r.status, body: body }; }); })
      .then(function (r) {
        if (r.status === 404 || !r.body || r.body.code !== 0) { stop(); show("missing"); return; }
        skewMs = Date.parse(r.body.data.serverTime) - Date.now();
        render(r.body.data);
      })
      .catch(function () { /* the next poll tries again */ });
  }
  translate();
  if (!/^[A-Za-z0-9_-]{16,40}$/.test(token)) { show("missing"); return; }
  load();
  pollTimer = setInterval(load, 2000);
  setInterval(tick, 1000);
})();
