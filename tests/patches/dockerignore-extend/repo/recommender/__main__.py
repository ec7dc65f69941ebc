print("recommender")
