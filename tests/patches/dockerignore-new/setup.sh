mkdir -p data && truncate -s 24M data/ratings.parquet
