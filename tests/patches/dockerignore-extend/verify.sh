# data/ is out of the context; what the Dockerfile COPYs (recommender/) is not.
grep -qx "data/" .dockerignore && ! grep -q "^recommender" .dockerignore && echo ".dockerignore: $(grep -vc "^#" .dockerignore) entries, data/ excluded, recommender/ kept"
