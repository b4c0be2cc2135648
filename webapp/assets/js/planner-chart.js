// Draws the savings chart from the figures in the page; the table below it has the same numbers.
const data = document.getElementById("chart-data");
const canvas = document.getElementById("savings-chart");

if (data && canvas && window.Chart) {
  const figures = JSON.parse(data.textContent);
  const colours = ["#00625e", "#d4351c", "#1d70b8", "#6f3c97", "#85520d", "#0b0c0c"];
  const pounds = new Intl.NumberFormat("en-GB", {
    style: "currency",
    currency: "GBP",
    maximumFractionDigits: 0,
  });
  canvas.hidden = false;
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: figures.labels,
      datasets: figures.datasets.map((dataset, index) => ({
        ...dataset,
        borderColor: colours[index % colours.length],
        backgroundColor: colours[index % colours.length],
        borderDash: index % 2 ? [6, 4] : [],
        pointRadius: 3,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      scales: { y: { ticks: { callback: (value) => pounds.format(value) } } },
      plugins: {
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${pounds.format(item.raw)}` } },
      },
    },
  });
}
