# Helpers of workflow/rules/simple_nn.smk: what its graded parts read.
def simple_nn_grading_data(part, dataset):
    return {"train": "data/simple_nn/train.csv"}


def simple_nn_grading_settings(dataset):
    return {"tol": config["simple_nn"]["step_tolerance"]}


GRADED["simple_nn"] = {"data": simple_nn_grading_data, "settings": simple_nn_grading_settings}
