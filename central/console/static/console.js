// The supervision page's charts, from the JSON the page carries (no inline script: CSP).
(function () {
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var completion = echarts.init(document.getElementById("chart-completion"));
    completion.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 10, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.completion.names, axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: "value", minInterval: 1 },
      color: ["#137333", "#b3261e", "#b06000", "#5f6368"],
      series: data.completion.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "all", data: s.data };
      }),
    });
    var ratings = echarts.init(document.getElementById("chart-ratings"));
    ratings.setOption({
      animation: false,
      tooltip: {},
      grid: { left: 40, right: 10, top: 20, bottom: 30 },
      xAxis: { type: "category", data: data.ratings.names },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: data.ratings.data, itemStyle: { color: "#0b57d0" } }],
    });
    window.addEventListener("resize", function () { completion.resize(); ratings.resize(); });
    document.body.setAttribute("data-charts", "ready");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
