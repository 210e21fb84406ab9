export async function rates() {
  const res = await fetch("https://fx.example/v1/rates", {
    headers: { "X-API-KEY": "0MKY8zPIfpGDpBNhUvLPcs5oUCz2cpis", Accept: "application/json" },
  });
  return res.json();
}

xhr.setRequestHeader("X-Auth-Token", "6902f079d7f7c1e668f3e257d52a96c00a68dcc8");
